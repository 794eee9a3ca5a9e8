// Package toolscalcinfo is fortiflexvm_tools_calc_info: the daily points a
// configuration would cost.
package toolscalcinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_tools_calc_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_tools_calc_info",
	Short: "Estimate the daily points of a FortiFlex configuration",
	Description: []string{
		"Asks the FortiFlex points calculator what C(count) entitlements of a product configuration cost per day in a program.",
		"Give exactly one product type dict. Its parameters are checked against the built-in catalogue before anything is sent, unless C(bypass_validation) is set.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: append([]ansiblemod.Option{
		{Name: "programSerialNumber", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The program whose rates apply (some programs have discounted rates)."}},
		{Name: "count", Type: ansiblemod.TypeInt, Default: 1,
			Description: []string{"How many entitlements to price; must be 1 for cloud services."}},
		common.ValidationOptions()[0],
	}, common.ProductOptions(common.ForCalc)...)},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Daily points of two 4-vCPU FortiGate VMs with UTP
  flexgo.fortiflexvm.fortiflexvm_tools_calc_info:
    programSerialNumber: ELAVMR0000000101
    count: 2
    fortiGateBundle:
      cpu: 4
      service: UTP
  register: calc

- name: Show it
  ansible.builtin.debug:
    msg: "{{ calc.points.current }} points per day"
`,
	Return: `
points:
  description: The estimate, as the FortiFlex API returns it.
  returned: always
  type: dict
  contains:
    current:
      description: Points per day for all C(count) entitlements at today's rate.
      type: float
      sample: 25.82
    latest:
      description: Points per day at a scheduled new rate; null when no change is scheduled.
      type: float
      sample: null
    latestEffectiveDate:
      description: When the scheduled rate applies; null when none is scheduled.
      type: str
      sample: null
configs:
  description: The same estimate under the key fortinet.fortiflexvm documents, so that its playbooks keep working.
  returned: always
  type: dict
  sample: {"current": 25.82, "latest": null, "latestEffectiveDate": null}
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	prod, values, err := common.SelectProduct(p, false)
	if err != nil {
		return err
	}
	count := p.Int("count")
	if count < 1 {
		return ansiblemod.Fail("count must be at least 1, got %d", count)
	}
	if prod.FormFactor == catalog.Cloud && count != 1 {
		return ansiblemod.Fail("count must be 1 for cloud services (%s is one), got %d", prod.Key, count)
	}
	bypass := p.Bool("bypass_validation")
	if err := common.CheckProduct(prod, values, common.ForCalc, bypass); err != nil {
		return err
	}
	params, err := common.EncodeProduct(prod, values, common.ForCalc)
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	pts, err := c.ToolsCalc(ctx, fortiflex.CalcRequest{
		ProgramSerialNumber: p.String("programSerialNumber"),
		Count:               count,
		ProductTypeID:       prod.ID,
		Parameters:          params,
	})
	if err != nil {
		return common.APIError(ctx, err)
	}
	var latest, eff any
	if pts.Latest != nil {
		latest = *pts.Latest
	}
	if pts.LatestEffectiveDate != "" {
		eff = pts.LatestEffectiveDate
	}
	out := map[string]any{"current": pts.Current, "latest": latest, "latestEffectiveDate": eff}
	res.Set("points", out)
	res.Set("configs", out)
	return nil
}
