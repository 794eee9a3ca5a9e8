// Package entitlementspointsinfo is fortiflexvm_entitlements_points_info:
// the points entitlements consumed in a date range.
package entitlementspointsinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_points_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_points_info",
	Short: "Points consumed by FortiFlex entitlements in a date range",
	Description: []string{
		"Returns, per entitlement, the points it consumed between two dates (both included).",
		"Give C(configId), or C(accountId) together with C(programSerialNumber); C(serialNumber) narrows the result to one entitlement.",
		"FortiFlex counts points per Pacific-time calendar day; its documentation says data older than 90 days may be left out.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{
		Options: []ansiblemod.Option{
			{Name: "startDate", Type: ansiblemod.TypeStr, Required: true,
				Description: []string{"First day, as YYYY-MM-DD (a time may follow)."}},
			{Name: "endDate", Type: ansiblemod.TypeStr, Required: true,
				Description: []string{"Last day, as YYYY-MM-DD; not before C(startDate)."}},
			{Name: "configId", Type: ansiblemod.TypeInt,
				Description: []string{"The entitlements of this configuration."}},
			{Name: "accountId", Type: ansiblemod.TypeInt,
				Description: []string{"The entitlements of this FortiCloud account; needs C(programSerialNumber)."}},
			{Name: "programSerialNumber", Type: ansiblemod.TypeStr,
				Description: []string{"The program of the account given in C(accountId)."}},
			{Name: "serialNumber", Type: ansiblemod.TypeStr,
				Description: []string{"Only this entitlement."}},
		},
		RequiredTogether: [][]string{{"accountId", "programSerialNumber"}},
		RequiredOneOf:    [][]string{{"configId", "accountId"}},
	},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Points of a configuration's entitlements in May
  flexgo.fortiflexvm.fortiflexvm_entitlements_points_info:
    configId: 5000
    startDate: "2026-05-01"
    endDate: "2026-05-31"
  register: points

- name: Total
  ansible.builtin.debug:
    msg: "{{ points.entitlements | map(attribute='points') | sum }}"
`,
	Return: `
entitlements:
  description: One row per entitlement with the points it consumed in the range.
  returned: always
  type: list
  elements: dict
  contains:
    serialNumber:
      description: The entitlement's serial number.
      type: str
      sample: FGVMELTM24000002
    accountId:
      description: The FortiCloud account of the entitlement.
      type: int
      sample: 853130
    points:
      description: Points consumed in the range; fractional.
      type: float
      sample: 104.37
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "configId", "accountId"); err != nil {
		return err
	}
	p := req.Params
	start, err := common.DateOption(p, "startDate")
	if err != nil {
		return err
	}
	end, err := common.DateOption(p, "endDate")
	if err != nil {
		return err
	}
	if common.ParseDate(end).Before(common.ParseDate(start)) {
		return ansiblemod.Fail("endDate %s is before startDate %s; swap them", end, start)
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	rows, err := c.EntitlementsPoints(ctx, fortiflex.PointsOptions{
		StartDate:           start,
		EndDate:             end,
		ConfigID:            p.IntPtr("configId"),
		AccountID:           p.IntPtr("accountId"),
		ProgramSerialNumber: p.String("programSerialNumber"),
		SerialNumber:        p.String("serialNumber"),
	})
	if err != nil {
		return common.APIError(ctx, err)
	}
	out := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, map[string]any{"serialNumber": r.SerialNumber, "accountId": r.AccountID, "points": r.Points})
	}
	res.Set("entitlements", out)
	return nil
}
