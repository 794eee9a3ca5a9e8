// Package configslistinfo is fortiflexvm_configs_list_info: the
// configurations of a program, shaped as fortinet.fortiflexvm returns them.
package configslistinfo

import (
	"context"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_configs_list_info.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_configs_list_info",
	Short: "List the FortiFlex configurations of a program",
	Description: []string{
		"Lists the configurations of a FortiFlex program, DISABLED ones included.",
		"Each configuration carries its product parameters under a key named after the product type (for example C(fortiGateBundle)), keyed by parameter name, as in fortinet.fortiflexvm.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "programSerialNumber", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The serial number of the FortiFlex program, for example C(ELAVMR0000000101)."}},
		{Name: "accountId", Type: ansiblemod.TypeInt,
			Description: []string{"Only the configurations of this FortiCloud account.",
				"Without it, an organization's root account sees the configurations of every account of the organization."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Read-only; runs the same in check mode."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: List the configurations of a program
  flexgo.fortiflexvm.fortiflexvm_configs_list_info:
    username: "{{ fortiflex_username }}"
    password: "{{ fortiflex_password }}"
    programSerialNumber: ELAVMR0000000101
  register: result

- name: Names of the active FortiGate VM bundle configurations with 4 vCPUs
  ansible.builtin.debug:
    msg: >-
      {{ result.configs | selectattr('status', 'equalto', 'ACTIVE')
         | selectattr('fortiGateBundle', 'defined')
         | selectattr('fortiGateBundle.cpu', 'equalto', '4')
         | map(attribute='name') | list }}
`,
	Return: `
configs:
  description:
    - The configurations, empty when there are none.
    - Besides the keys below, each configuration has one key named after its product type
      (C(fortiGateBundle), C(fortiManager), C(fortiGateHardware), ...) holding its parameters by name.
      Single values are the strings the API returns (C("4"), C("UTP"), C("NONE")); multi-value parameters are lists, empty when none is selected.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The configuration id (the C(configId) of entitlements).
      type: int
      sample: 5001
    name:
      description: The configuration name.
      type: str
      sample: edge-4cpu-utp
    programSerialNumber:
      description: The program the configuration belongs to.
      type: str
      sample: ELAVMR0000000101
    accountId:
      description: The FortiCloud account that holds the configuration.
      type: int
      sample: 853130
    status:
      description: C(ACTIVE) or C(DISABLED).
      type: str
      sample: ACTIVE
    fortiGateBundle:
      description: The parameters of a FortiGate VM service bundle configuration (one such key per product type).
      type: dict
      returned: when the configuration is of that product type
      sample: {"cpu": "4", "service": "UTP", "vdom": "0", "fortiGuardServices": [], "cloudServices": [], "supportService": "NONE"}
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "accountId"); err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	configs, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{
		ProgramSerialNumber: req.Params.String("programSerialNumber"),
		AccountID:           req.Params.IntPtr("accountId"),
	})
	if err != nil {
		return common.APIError(ctx, err)
	}
	out := make([]map[string]any, 0, len(configs))
	for _, cfg := range configs {
		out = append(out, common.ConfigOutput(cfg))
	}
	res.Set("configs", out)
	return nil
}
