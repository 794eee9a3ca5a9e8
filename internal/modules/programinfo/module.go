// Package programinfo is fortiflexvm_program_info: the FortiFlex programs
// with their point balance.
package programinfo

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_program_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_program_info",
	Short: "FortiFlex programs with their point balance",
	Description: []string{
		"Lists the FortiFlex programs the API user can see, each with its point balance when it is a prepaid program (C(programs/points)).",
		"Postpaid programs have no balance: their C(pointBalance) is null.",
		"Part of the declarative family of this collection (snake_case options); fortiflexvm_programs_list_info is the fortinet.fortiflexvm-compatible list without balances.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "serial_number", Type: ansiblemod.TypeStr,
			Description: []string{"Only this program, for example C(ELAVMR0000000101)."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Programs and balances
  flexgo.fortiflexvm.fortiflexvm_program_info:
  register: programs

- name: Warn when a prepaid program runs low
  ansible.builtin.debug:
    msg: "{{ item.serialNumber }} has {{ item.pointBalance }} points left"
  loop: "{{ programs.programs | selectattr('prepaid') | selectattr('pointBalance', 'lt', 1000) }}"
`,
	Return: `
programs:
  description: The programs, empty when there are none (or when C(serial_number) matches none).
  returned: always
  type: list
  elements: dict
  contains:
    serialNumber:
      description: The program serial number.
      type: str
      sample: ELAVMR0000000101
    accountId:
      description: The FortiCloud account that owns the program.
      type: int
      sample: 853130
    startDate:
      description: Start of the program, as the API gives it.
      type: str
      sample: "2025-12-03T00:00:00"
    endDate:
      description: End of the program; new entitlements end then by default.
      type: str
      sample: "2028-12-03T00:00:00"
    hasSupportCoverage:
      description: Whether the program has support coverage.
      type: bool
      sample: true
    prepaid:
      description: Whether the program is prepaid (has a point balance).
      type: bool
      sample: true
    pointBalance:
      description: The prepaid point balance; null for postpaid programs.
      type: float
      sample: 126652
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	want := strings.TrimSpace(req.Params.String("serial_number"))
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	programs, err := c.ProgramsList(ctx)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, p := range programs {
		if want != "" && !strings.EqualFold(p.SerialNumber, want) {
			continue
		}
		row := map[string]any{
			"serialNumber": p.SerialNumber, "accountId": p.AccountID, "startDate": p.StartDate,
			"endDate": p.EndDate, "hasSupportCoverage": p.HasSupportCoverage, "prepaid": false, "pointBalance": nil,
		}
		balances, err := c.ProgramsPoints(ctx, p.SerialNumber)
		var fe *fortiflex.Error
		switch {
		case err == nil:
			for _, b := range balances {
				if strings.EqualFold(b.SerialNumber, p.SerialNumber) {
					row["prepaid"], row["pointBalance"] = true, b.PointBalance
				}
			}
		case errors.As(err, &fe) && fe.HTTPStatus >= 400 && fe.HTTPStatus < 500 && fe.HTTPStatus != 401 && fe.HTTPStatus != 403:
			// FortiFlex refuses a balance for postpaid programs: none.
		default:
			return err
		}
		out = append(out, row)
	}
	res.Set("programs", out)
	return nil
}
