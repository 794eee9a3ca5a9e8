// Package programslistinfo is fortiflexvm_programs_list_info: the FortiFlex
// programs the API user can see (same options and return keys as
// fortinet.fortiflexvm).
package programslistinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_programs_list_info.
var Module = &ansiblemod.Module{
	Name:        "fortiflexvm_programs_list_info",
	Short:       "List FortiFlex programs",
	Description: []string{"Lists the FortiFlex programs (prepaid and postpaid) that the IAM API user can see, with their dates and support coverage."},
	Fragments:   []*ansiblemod.Fragment{common.Connection},
	CheckMode:   ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:    ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: List FortiFlex programs
  flexgo.fortiflexvm.fortiflexvm_programs_list_info:
    username: "{{ fortiflex_username }}"
    password: "{{ fortiflex_password }}"
  register: result

- name: Show the program serial numbers
  ansible.builtin.debug:
    msg: "{{ result.programs | map(attribute='serialNumber') | list }}"
`,
	Return: `
programs:
  description: The FortiFlex programs, empty when there are none.
  returned: always
  type: list
  elements: dict
  contains:
    accountId:
      description: The FortiCloud account that owns the program.
      type: int
      sample: 853130
    serialNumber:
      description: The program serial number.
      type: str
      sample: ELAVMR0000000101
    startDate:
      description: Start of the program, as the API gives it.
      type: str
      sample: "2024-01-01T00:00:00"
    endDate:
      description: End of the program; new entitlements end then by default.
      type: str
      sample: "2027-12-31T00:00:00"
    hasSupportCoverage:
      description: Whether the program has support coverage.
      type: bool
      sample: true
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	programs, err := c.ProgramsList(ctx)
	if err != nil {
		return common.APIError(ctx, err)
	}
	res.Set("programs", common.List(programs))
	return nil
}
