// Package configsupdate is fortiflexvm_configs_update: change a FortiFlex
// configuration's name, parameters or status, touching only what is given.
package configsupdate

import (
	"context"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_configs_update.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_configs_update",
	Short: "Update a FortiFlex configuration",
	Description: []string{
		"Changes the name, product parameters or status (ACTIVE or DISABLED) of an existing FortiFlex configuration.",
		"Only what is given changes: parameters left out of the product dict keep their current values (fortinet.fortiflexvm reset them to defaults). When nothing differs, nothing is sent and the task reports C(changed=false).",
		"A change of parameters applies to every entitlement of the configuration; devices pick it up within hours.",
		"The configuration is found by its id among the configurations of every program the API user can see.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: append(append([]ansiblemod.Option{
		{Name: "id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The id of the configuration to change."}},
		{Name: "name", Type: ansiblemod.TypeStr,
			Description: []string{"The new name; left out means unchanged."}},
		{Name: "status", Type: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "DISABLED"},
			Description: []string{"Enable or disable the configuration; left out means unchanged.",
				"No entitlement can be created from a DISABLED configuration."}},
	}, common.ValidationOptions()...), common.ProductOptions(common.ForUpdate)...)},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration, sends no change and reports exactly what would change."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the configuration before and after."},
	Examples: `
- name: Grow a FortiGate VM configuration to 8 vCPUs, keep everything else
  flexgo.fortiflexvm.fortiflexvm_configs_update:
    id: 5000
    fortiGateBundle:
      cpu: 8

- name: Disable a configuration
  flexgo.fortiflexvm.fortiflexvm_configs_update:
    id: 5004
    status: DISABLED
`,
	Return: `
configs:
  description:
    - The configuration after the change (in check mode, as it would be).
    - Its product parameters sit under a key named after the product type, keyed by parameter name.
  returned: success
  type: dict
  sample: {"id": 5000, "name": "edge-8cpu-utp", "programSerialNumber": "ELAVMR0000000101", "accountId": 853130, "status": "ACTIVE",
           "fortiGateBundle": {"cpu": "8", "service": "UTP", "vdom": "0", "fortiGuardServices": [], "cloudServices": [], "supportService": "NONE"}}
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	if err := common.CheckIDs(p, "id"); err != nil {
		return err
	}
	id := p.Int("id")
	var newName *string
	if p.Given("name") && p.Raw("name") != nil {
		n := strings.TrimSpace(p.String("name"))
		if n == "" {
			return ansiblemod.Fail("name must not be empty; leave it out to keep the current name")
		}
		newName = &n
	}
	prod, values, err := common.SelectProduct(p, true)
	if err != nil {
		return err
	}
	bypass := p.Bool("bypass_validation")
	given, err := common.ProductUpdate(prod, values, bypass)
	if err != nil {
		return err
	}

	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	cur, err := common.FindConfig(ctx, c, id)
	if err != nil {
		return common.APIError(ctx, err)
	}
	if cur == nil {
		return ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info", id)
	}
	ch, err := common.PlanConfigChange(res, *cur, common.ConfigWant{
		Product: prod, Values: values, Given: given, Bypass: bypass, Name: newName, Status: p.String("status"),
	})
	if err != nil {
		return err
	}
	res.Changed = ch.Changed()
	res.SetDiff(common.ConfigOutput(ch.Before), common.ConfigOutput(ch.After))
	if !res.Changed || req.CheckMode {
		res.Set("configs", common.ConfigOutput(ch.After))
		return nil
	}
	final, err := ch.Apply(ctx, c)
	if err != nil {
		return err
	}
	res.Set("configs", common.ConfigOutput(*final))
	res.SetDiff(common.ConfigOutput(ch.Before), common.ConfigOutput(*final))
	return nil
}
