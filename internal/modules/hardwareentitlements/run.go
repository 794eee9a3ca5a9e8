package hardwareentitlements

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// absent is the status shown in the diff for a serial number that is not
// registered with the configuration.
const absent = "absent"

// options are the validated options.
type options struct {
	cfgID   int
	serials []string // trimmed, in the order given
	state   string   // present, stopped or absent
	end     string   // a checked date, "" when not given
	desc    *string  // nil when not given
}

func parse(p ansiblemod.Params) (options, error) {
	var o options
	if err := common.CheckIDs(p, "config_id"); err != nil {
		return o, err
	}
	o.cfgID = p.Int("config_id")
	seen := map[string]bool{}
	for _, s := range p.Strings("serial_numbers") {
		s = strings.TrimSpace(s)
		if s == "" {
			return o, ansiblemod.Fail("serial_numbers must not contain empty strings")
		}
		if seen[strings.ToUpper(s)] {
			return o, ansiblemod.Fail("serial_numbers lists %s twice", s)
		}
		seen[strings.ToUpper(s)] = true
		o.serials = append(o.serials, s)
	}
	if len(o.serials) == 0 {
		return o, ansiblemod.Fail("serial_numbers must list at least one serial number")
	}
	if len(o.serials) > maxSerials {
		return o, ansiblemod.Fail("serial_numbers lists %d serial numbers; FortiFlex registers at most %d per request, split them over several tasks", len(o.serials), maxSerials)
	}
	o.state = p.String("state")
	end, err := common.DateOption(p, "end_date")
	if err != nil {
		return o, err
	}
	o.end = end
	if p.Given("description") && p.Raw("description") != nil {
		d := p.String("description")
		o.desc = &d
	}
	if o.state == "absent" {
		for _, name := range []string{"description", "end_date"} {
			if p.Given(name) && p.Raw(name) != nil {
				return o, ansiblemod.Fail("%s applies to registered serial numbers; leave it out with state: absent", name)
			}
		}
	}
	return o, nil
}

// item is one listed serial number and what happens to it.
type item struct {
	serial string                 // as given
	cur    *fortiflex.Entitlement // nil when not registered with the configuration
	ch     common.EntitlementChange
	final  *fortiflex.Entitlement // nil when not registered (absent, removed)
}

// name is the serial number as FortiFlex writes it when it is registered.
func (it *item) name() string {
	if it.cur != nil {
		return it.cur.SerialNumber
	}
	return it.serial
}

// report collects what was done, for the result (also on failure).
type report struct {
	created, stopped, reactivated, removed, updated []string
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	o, err := parse(req.Params)
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &o.cfgID})
	if err != nil {
		return err
	}
	byKey := index(list)
	items := make([]*item, len(o.serials))
	for i, s := range o.serials {
		items[i] = &item{serial: s}
		if e, ok := byKey[strings.ToUpper(s)]; ok {
			items[i].cur = &e
		}
	}
	if err := plan(o, items); err != nil {
		return err
	}

	var rep report
	var toCreate []string
	var toRemove []*item
	before := map[string]any{}
	for _, it := range items {
		before[it.name()] = absent
		if it.cur != nil {
			before[it.name()] = it.cur.Status
		}
		switch {
		case it.cur == nil && o.state != "absent":
			toCreate = append(toCreate, it.serial)
		case it.cur != nil && o.state == "absent":
			toRemove = append(toRemove, it)
		}
	}
	changed := len(toCreate) > 0 || len(toRemove) > 0
	for _, it := range items {
		if it.cur != nil && it.ch.Changed() {
			changed = true
		}
	}

	if req.CheckMode || req.Diff {
		pointsPerDay(ctx, res, c, o, items)
	}
	if req.CheckMode {
		if err := predict(ctx, c, res, o, items, toCreate, before); err != nil {
			return err
		}
		res.Changed = changed
		return nil
	}

	done := false // whether anything was written, for a failure half-way
	fail := func(err error) error {
		res.Changed = done
		setResult(res, items, rep, before)
		return err
	}

	// Registrations first: what FortiFlex most likely refuses (a serial
	// number of another configuration, a configuration that is not a
	// hardware one) fails before anything else changes.
	for start := 0; start < len(toCreate); start += createBatch {
		batch := toCreate[start:min(start+createBatch, len(toCreate))]
		created, err := c.EntitlementsHardwareCreate(ctx, fortiflex.HardwareCreate{ConfigID: o.cfgID, SerialNumbers: batch, EndDate: o.end})
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			created, err = recoverLost(ctx, c, o.cfgID, batch, err)
		}
		found := index(created)
		for _, it := range items {
			if e, ok := found[strings.ToUpper(it.serial)]; ok && it.cur == nil {
				it.final = &e
				rep.created = append(rep.created, e.SerialNumber)
				done = true
			}
		}
		if err != nil {
			return fail(common.APIError(ctx, err))
		}
	}

	// New ones get the description and, with state stopped, are stopped.
	for _, it := range items {
		if it.cur != nil || it.final == nil {
			continue
		}
		ch, err := common.PlanEntitlementChange(*it.final, want(o, *it.final))
		if err != nil {
			return fail(err)
		}
		if !ch.Changed() {
			continue
		}
		final, err := ch.Apply(ctx, c)
		if err != nil {
			return fail(err)
		}
		it.final = final
		if final.Status == "STOPPED" && ch.Before.Status != "STOPPED" {
			rep.stopped = append(rep.stopped, final.SerialNumber)
		}
	}

	// Existing ones: status, description, end date.
	for _, it := range items {
		if it.cur == nil || o.state == "absent" {
			continue
		}
		it.final = it.cur
		if !it.ch.Changed() {
			continue
		}
		final, err := it.ch.Apply(ctx, c)
		if err != nil {
			return fail(err)
		}
		done = true
		it.final = final
		record(&rep, it.ch)
	}

	if len(toRemove) > 0 {
		serials := make([]string, len(toRemove))
		for i, it := range toRemove {
			serials[i] = it.cur.SerialNumber
		}
		err := c.EntitlementsHardwareRemove(ctx, serials)
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			err = checkRemoved(ctx, c, o.cfgID, serials, err)
		}
		if err != nil {
			return fail(common.APIError(ctx, err))
		}
		rep.removed = serials
		done = true
	}

	res.Changed = changed
	setResult(res, items, rep, before)
	return nil
}

// index maps entitlements by upper-case serial number.
func index(list []fortiflex.Entitlement) map[string]fortiflex.Entitlement {
	out := make(map[string]fortiflex.Entitlement, len(list))
	for _, e := range list {
		out[strings.ToUpper(e.SerialNumber)] = e
	}
	return out
}

// want is what the task wants of a registered serial number.
func want(o options, cur fortiflex.Entitlement) common.EntitlementWant {
	w := common.EntitlementWant{Description: o.desc, EndDate: o.end}
	switch {
	case o.state == "present" && cur.Status == "STOPPED":
		w.Status = "ACTIVE"
	case o.state == "stopped" && (cur.Status == "ACTIVE" || cur.Status == "PENDING"):
		w.Status = "STOPPED"
	}
	return w
}

// plan checks and plans every registered serial number before anything is
// sent.
func plan(o options, items []*item) error {
	for _, it := range items {
		cur := it.cur
		if cur == nil || o.state == "absent" {
			continue
		}
		if cur.Token != "" || cur.TokenStatus != "" {
			return ansiblemod.Fail("configuration %d holds %s, a VM entitlement (it has a license token): this module manages hardware entitlements; check config_id", o.cfgID, cur.SerialNumber)
		}
		if cur.Status == "EXPIRED" {
			return ansiblemod.Fail("entitlement %s is EXPIRED: FortiFlex allows no change to an expired entitlement, so it cannot be made %s. Leave it out of serial_numbers, or remove it with state: absent",
				cur.SerialNumber, map[string]string{"present": "ACTIVE", "stopped": "STOPPED"}[o.state])
		}
		if o.state == "stopped" && cur.Status == "STOPPED" && o.end != "" && !common.SameDate(o.end, cur.EndDate) {
			return ansiblemod.Fail("entitlement %s is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only, so with state: stopped its end date cannot change. Leave end_date out, or run with state: present first",
				cur.SerialNumber)
		}
		ch, err := common.PlanEntitlementChange(*cur, want(o, *cur))
		if err != nil {
			return err
		}
		it.ch = ch
	}
	return nil
}

// record notes what a change of a registered serial number did.
func record(rep *report, ch common.EntitlementChange) {
	serial := ch.Before.SerialNumber
	switch {
	case ch.After.Status == "STOPPED" && ch.Before.Status != "STOPPED":
		rep.stopped = append(rep.stopped, serial)
	case ch.After.Status == "ACTIVE" && ch.Before.Status == "STOPPED":
		rep.reactivated = append(rep.reactivated, serial)
	}
	if ch.After.Description != ch.Before.Description || ch.After.EndDate != ch.Before.EndDate {
		rep.updated = append(rep.updated, serial)
	}
}

// predict is check mode: nothing is written; the result is what the real
// run would return.
func predict(ctx context.Context, c *fortiflex.Client, res *ansiblemod.Result, o options, items []*item, toCreate []string, before map[string]any) error {
	var rep report
	var fresh fortiflex.Entitlement
	if len(toCreate) > 0 {
		cfg, err := common.CheckCreatable(ctx, c, o.cfgID, catalog.Hardware)
		if err != nil {
			return err
		}
		fresh = fortiflex.Entitlement{AccountID: cfg.AccountID, ConfigID: cfg.ID, Status: "ACTIVE"}
		if o.end != "" {
			fresh.EndDate = common.ParseDate(o.end).Format("2006-01-02T15:04:05")
		} else if fresh.EndDate, err = programEnd(ctx, c, cfg.ProgramSerialNumber); err != nil {
			return err
		}
	}
	for _, it := range items {
		switch {
		case it.cur == nil && o.state == "absent":
		case it.cur == nil:
			e := fresh
			e.SerialNumber = it.serial
			rep.created = append(rep.created, it.serial)
			ch, err := common.PlanEntitlementChange(e, want(o, e))
			if err != nil {
				return err
			}
			if ch.After.Status == "STOPPED" {
				rep.stopped = append(rep.stopped, it.serial)
			}
			it.final = &ch.After
		case o.state == "absent":
			rep.removed = append(rep.removed, it.cur.SerialNumber)
		default:
			after := it.ch.After
			it.final = &after
			record(&rep, it.ch)
		}
	}
	setResult(res, items, rep, before)
	return nil
}

// pointsPerDay sets points_per_day when the task changes how many of the
// serial numbers are charged (ACTIVE ones are).
func pointsPerDay(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, o options, items []*item) {
	b, a := 0, 0
	for _, it := range items {
		if it.cur != nil {
			b += common.Charged(it.cur.Status)
		}
		switch {
		case o.state == "absent":
		case it.cur == nil && o.state == "present":
			a++ // registered ACTIVE
		case it.cur != nil:
			a += common.Charged(it.ch.After.Status)
		}
	}
	if a == b {
		return
	}
	cfg, err := common.FindConfig(ctx, c, o.cfgID)
	if err != nil || cfg == nil {
		res.Warn("points_per_day left out: configuration %d could not be read", o.cfgID)
		return
	}
	common.SetPointsPerDay(ctx, res, c, &common.Points{Config: cfg, Count: b}, &common.Points{Config: cfg, Count: a})
}

// programEnd is the end date of a program: new entitlements end then when
// end_date is not given.
func programEnd(ctx context.Context, c *fortiflex.Client, program string) (string, error) {
	p, err := common.FindProgram(ctx, c, program)
	if err != nil || p == nil {
		return "", err
	}
	return p.EndDate, nil
}

// setResult sets the return keys and the diff from items and rep.
func setResult(res *ansiblemod.Result, items []*item, rep report, before map[string]any) {
	out := []map[string]any{}
	after := map[string]any{}
	for _, it := range items {
		if it.final == nil {
			if it.cur != nil && !contains(rep.removed, it.cur.SerialNumber) {
				// Not reached by a failure half-way: as it was.
				out = append(out, common.EntitlementOutput(*it.cur))
				after[it.name()] = it.cur.Status
				continue
			}
			after[it.name()] = absent
			continue
		}
		out = append(out, common.EntitlementOutput(*it.final))
		after[it.name()] = it.final.Status
	}
	res.Set("entitlements", out)
	res.Set("created", common.List(rep.created))
	res.Set("stopped", common.List(rep.stopped))
	res.Set("reactivated", common.List(rep.reactivated))
	res.Set("removed", common.List(rep.removed))
	res.Set("updated", common.List(rep.updated))
	res.SetDiff(before, after)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// recoverLost lists the configuration after a registration whose answer was
// lost (it is never sent again) and returns the entitlements of the batch
// found there; it fails naming the serial numbers that are missing.
func recoverLost(ctx context.Context, c *fortiflex.Client, cfgID int, batch []string, lost error) ([]fortiflex.Entitlement, error) {
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		return nil, common.APIError(ctx, lost)
	}
	by := index(list)
	var found []fortiflex.Entitlement
	var missing []string
	for _, s := range batch {
		if e, ok := by[strings.ToUpper(s)]; ok {
			found = append(found, e)
		} else {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return found, nil
	}
	if len(found) == 0 {
		return nil, ansiblemod.Fail("FortiFlex entitlements/hardware/create did not answer (%s), and none of the serial numbers sent appeared in configuration %d, so none was registered. It was not sent again; running the task again is safe",
			common.LostDetail(lost), cfgID)
	}
	return found, ansiblemod.Fail("FortiFlex entitlements/hardware/create did not answer (%s); configuration %d now holds %d of the %d serial numbers sent, but not %s. It was not sent again; running the task again registers only the missing ones",
		common.LostDetail(lost), cfgID, len(found), len(batch), strings.Join(missing, ", "))
}

// checkRemoved lists the configuration after a removal whose answer was
// lost (it is never sent again): nil when none of the serials is left.
func checkRemoved(ctx context.Context, c *fortiflex.Client, cfgID int, serials []string, lost error) error {
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		return common.APIError(ctx, lost)
	}
	by := index(list)
	var left []string
	for _, s := range serials {
		if _, ok := by[strings.ToUpper(s)]; ok {
			left = append(left, s)
		}
	}
	if len(left) == 0 {
		return nil
	}
	return ansiblemod.Fail("FortiFlex entitlements/hardware/remove did not answer (%s), and configuration %d still holds %s. It was not sent again; running the task again removes what is left",
		common.LostDetail(lost), cfgID, strings.Join(left, ", "))
}
