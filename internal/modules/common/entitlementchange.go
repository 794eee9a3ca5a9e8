package common

import (
	"context"
	"errors"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// EntitlementWant is what a task wants of an existing entitlement; zero
// fields mean "unchanged".
type EntitlementWant struct {
	ConfigID    *int    // move to this configuration
	Description *string // "" clears it
	EndDate     string  // a checked date (DateOption)
	Status      string  // ACTIVE or STOPPED
}

// EntitlementChange is a planned change of one entitlement.
type EntitlementChange struct {
	Before, After    fortiflex.Entitlement
	config, desc     bool
	end              bool
	stop, reactivate bool
}

// Changed reports whether anything differs.
func (ch EntitlementChange) Changed() bool {
	return ch.config || ch.desc || ch.end || ch.stop || ch.reactivate
}

// PlanEntitlementChange compares cur with what is wanted, following the
// state machine: STOPPED from ACTIVE or PENDING (stop), ACTIVE only from
// STOPPED (reactivate; a PENDING one becomes ACTIVE when its token is used),
// end dates (compared as dates) only on PENDING and ACTIVE ones, nothing on
// EXPIRED ones.
func PlanEntitlementChange(cur fortiflex.Entitlement, w EntitlementWant) (EntitlementChange, error) {
	ch := EntitlementChange{Before: cur, After: cur}
	serial := cur.SerialNumber
	if w.ConfigID != nil && *w.ConfigID != cur.ConfigID {
		ch.config, ch.After.ConfigID = true, *w.ConfigID
	}
	if w.Description != nil && *w.Description != cur.Description {
		ch.desc, ch.After.Description = true, *w.Description
	}
	if w.EndDate != "" && !SameDate(w.EndDate, cur.EndDate) {
		ch.end, ch.After.EndDate = true, w.EndDate
	}
	// GRACE_PERIOD (UI docs: ACTIVE while the program expired or the prepaid
	// balance is negative) is ACTIVE for what a task can want of it.
	curStatus := cur.Status
	if curStatus == "GRACE_PERIOD" {
		curStatus = "ACTIVE"
	}
	statusChange := w.Status != "" && w.Status != curStatus
	if cur.Status == "EXPIRED" && (ch.config || ch.desc || ch.end || statusChange) {
		return ch, ansiblemod.Fail("entitlement %s is EXPIRED: FortiFlex allows no change to an expired entitlement", serial)
	}
	if statusChange {
		switch {
		case w.Status == "STOPPED":
			ch.stop = true
		case cur.Status == "STOPPED":
			ch.reactivate = true
		case cur.Status == "PENDING":
			return ch, ansiblemod.Fail("entitlement %s is PENDING and cannot be reactivated: it becomes ACTIVE when its token is used on a VM (or create entitlements with skipPending: true). Only STOPPED entitlements can be reactivated", serial)
		default:
			return ch, ansiblemod.Fail("entitlement %s is %s and cannot become %s", serial, cur.Status, w.Status)
		}
		ch.After.Status = w.Status
	}
	if ch.end && cur.Status == "STOPPED" && !ch.reactivate {
		return ch, ansiblemod.Fail("entitlement %s is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only. Reactivate it (status: ACTIVE) in the same task to change the end date", serial)
	}
	return ch, nil
}

// Apply carries the change out: reactivate before the update (an end date
// changes only on an ACTIVE entitlement), stop after it. Stop and reactivate
// are not repeated when their answer is lost (a second one would be
// refused); the entitlement is read again instead.
func (ch EntitlementChange) Apply(ctx context.Context, c *fortiflex.Client) (*fortiflex.Entitlement, error) {
	serial := ch.Before.SerialNumber
	final := ch.Before
	apply := func(e *fortiflex.Entitlement, err error) error {
		if err != nil {
			return APIError(ctx, err)
		}
		final = *e
		return nil
	}
	settle := func(e *fortiflex.Entitlement, err error, status string) error {
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			if now, rerr := FindEntitlement(ctx, c, serial, &final.ConfigID); rerr == nil && now != nil && now.Status == status {
				final = *now
				return nil
			}
		}
		return apply(e, err)
	}
	if ch.reactivate {
		e, err := c.EntitlementsReactivate(ctx, serial)
		if err := settle(e, err, "ACTIVE"); err != nil {
			return nil, err
		}
	}
	if ch.config || ch.desc || ch.end {
		target := ch.After.ConfigID
		upd := fortiflex.EntitlementUpdate{SerialNumber: serial, ConfigID: &target}
		if ch.desc {
			d := ch.After.Description
			upd.Description = &d
		}
		if ch.end {
			e := ch.After.EndDate
			upd.EndDate = &e
		}
		if err := apply(c.EntitlementsUpdate(ctx, upd)); err != nil {
			return nil, err
		}
	}
	if ch.stop {
		e, err := c.EntitlementsStop(ctx, serial)
		if err := settle(e, err, "STOPPED"); err != nil {
			return nil, err
		}
	}
	return &final, nil
}
