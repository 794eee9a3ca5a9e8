// Package entitlementsupdate is fortiflexvm_entitlements_update: change an
// entitlement's configuration, description, end date or status.
package entitlementsupdate

import (
	"context"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
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

	ch, err := common.PlanEntitlementChange(*cur, common.EntitlementWant{ConfigID: cfgID, Description: desc, EndDate: end, Status: want})
	if err != nil {
		return err
	}
	res.Changed = ch.Changed()
	res.SetDiff(common.EntitlementOutput(ch.Before), common.EntitlementOutput(ch.After))
	if !res.Changed || req.CheckMode {
		res.Set("entitlements", []any{common.EntitlementOutput(ch.After)})
		return nil
	}
	final, err := ch.Apply(ctx, c)
	if err != nil {
		return err
	}
	res.Set("entitlements", []any{common.EntitlementOutput(*final)})
	res.SetDiff(common.EntitlementOutput(ch.Before), common.EntitlementOutput(*final))
	return nil
}
