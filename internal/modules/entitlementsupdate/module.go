// Package entitlementsupdate is fortiflexvm_entitlements_update: change an
// entitlement's configuration, description, end date or status.
package entitlementsupdate

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_update.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_update",
	Short: "Update a FortiFlex entitlement",
	Description: []string{
		"Changes an entitlement's configuration (moving it to another configuration of the same product type), description, end date, or status (stop it, or reactivate a stopped one).",
		"Only what differs is sent; when nothing differs the task reports C(changed=false). End dates are compared as dates, so C(2027-06-30) equals C(2027-06-30T00:00:00).",
		"The entitlement is found by its serial number; C(configId), when given, is asked first (and is also the configuration to move to).",
		"Stopping takes effect from the next day; a day fully stopped costs no points. Only a STOPPED entitlement can be reactivated: a PENDING one becomes ACTIVE when its token is used.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "serialNumber", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The entitlement's serial number."}},
		{Name: "configId", Type: ansiblemod.TypeInt,
			Description: []string{"The configuration the entitlement should use; a different one moves it there (same product type only)."}},
		{Name: "description", Type: ansiblemod.TypeStr,
			Description: []string{"The new description; an empty string clears it."}},
		{Name: "endDate", Type: ansiblemod.TypeStr,
			Description: []string{"The new end date, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end.",
				"FortiFlex lets only PENDING and ACTIVE entitlements change their end date."}},
		{Name: "status", Type: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "STOPPED"},
			Description: []string{"C(STOPPED) stops an ACTIVE or PENDING entitlement; C(ACTIVE) reactivates a STOPPED one."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the entitlement, sends no change and reports exactly what would change."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the entitlement before and after."},
	Examples: `
- name: Stop an idle VM entitlement
  flexgo.fortiflexvm.fortiflexvm_entitlements_update:
    serialNumber: FGVMELTM24000002
    status: STOPPED

- name: Move it to the 8-vCPU configuration and rename it
  flexgo.fortiflexvm.fortiflexvm_entitlements_update:
    serialNumber: FGVMELTM24000002
    configId: 5005
    description: core-fw
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	serial := strings.TrimSpace(p.String("serialNumber"))
	if serial == "" {
		return ansiblemod.Fail("serialNumber must not be empty")
	}
	end, err := common.DateOption(p, "endDate")
	if err != nil {
		return err
	}
	if err := common.CheckIDs(p, "configId"); err != nil {
		return err
	}
	cfgID := p.IntPtr("configId")
	var desc *string
	if p.Given("description") && p.Raw("description") != nil {
		d := p.String("description")
		desc = &d
	}
	want := p.String("status")

	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	cur, err := common.FindEntitlement(ctx, c, serial, cfgID)
	if err != nil {
		return common.APIError(ctx, err)
	}
	if cur == nil {
		return ansiblemod.Fail("entitlement %s not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", serial)
	}

	after := *cur
	cfgChange := cfgID != nil && *cfgID != cur.ConfigID
	descChange := desc != nil && *desc != cur.Description
	endChange := end != "" && !common.SameDate(end, cur.EndDate)
	if cfgChange {
		after.ConfigID = *cfgID
	}
	if descChange {
		after.Description = *desc
	}
	if endChange {
		after.EndDate = end
	}
	stop, reactivate := false, false
	if want != "" && want != cur.Status {
		switch {
		case cur.Status == "EXPIRED":
		case want == "STOPPED":
			stop = true
		case cur.Status == "STOPPED":
			reactivate = true
		case cur.Status == "PENDING":
			return ansiblemod.Fail("entitlement %s is PENDING and cannot be reactivated: it becomes ACTIVE when its token is used on a VM (or create entitlements with skipPending: true). Only STOPPED entitlements can be reactivated", serial)
		default:
			return ansiblemod.Fail("entitlement %s is %s and cannot become %s", serial, cur.Status, want)
		}
		after.Status = want
	}
	update := cfgChange || descChange || endChange
	if cur.Status == "EXPIRED" && (update || want != "" && want != cur.Status) {
		return ansiblemod.Fail("entitlement %s is EXPIRED: FortiFlex allows no change to an expired entitlement", serial)
	}
	if endChange && (cur.Status == "STOPPED" && !reactivate) {
		return ansiblemod.Fail("entitlement %s is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only. Reactivate it (status: ACTIVE) in the same task to change the end date", serial)
	}

	res.Changed = update || stop || reactivate
	res.SetDiff(common.EntitlementOutput(*cur), common.EntitlementOutput(after))
	if !res.Changed || req.CheckMode {
		res.Set("entitlements", []any{common.EntitlementOutput(after)})
		return nil
	}

	// Reactivate before changing the end date; stop after it.
	final := *cur
	apply := func(e *fortiflex.Entitlement, err error) error {
		if err != nil {
			return common.APIError(ctx, err)
		}
		final = *e
		return nil
	}
	// Stop and reactivate are not repeated when their answer is lost (a
	// second one would be refused); the entitlement is read again instead.
	settle := func(e *fortiflex.Entitlement, err error, status string) error {
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			if now, rerr := common.FindEntitlement(ctx, c, serial, &final.ConfigID); rerr == nil && now != nil && now.Status == status {
				final = *now
				return nil
			}
		}
		return apply(e, err)
	}
	if reactivate {
		e, err := c.EntitlementsReactivate(ctx, serial)
		if err := settle(e, err, "ACTIVE"); err != nil {
			return err
		}
	}
	if update {
		target := after.ConfigID
		upd := fortiflex.EntitlementUpdate{SerialNumber: cur.SerialNumber, ConfigID: &target}
		if descChange {
			upd.Description = desc
		}
		if endChange {
			upd.EndDate = &end
		}
		if err := apply(c.EntitlementsUpdate(ctx, upd)); err != nil {
			return err
		}
	}
	if stop {
		e, err := c.EntitlementsStop(ctx, serial)
		if err := settle(e, err, "STOPPED"); err != nil {
			return err
		}
	}
	res.Set("entitlements", []any{common.EntitlementOutput(final)})
	res.SetDiff(common.EntitlementOutput(*cur), common.EntitlementOutput(final))
	return nil
}
