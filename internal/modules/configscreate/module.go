// Package configscreate is fortiflexvm_configs_create: create a FortiFlex
// configuration (every run creates one, as in fortinet.fortiflexvm).
package configscreate

import (
	"context"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_configs_create.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_configs_create",
	Short: "Create a FortiFlex configuration",
	Description: []string{
		"Creates a FortiFlex configuration: a product type with its parameters (for example a FortiGate VM with 4 vCPUs and the UTP bundle), from which entitlements are then created.",
		"Every run creates a new configuration, even when one with the same name exists (it warns then), as in fortinet.fortiflexvm. For idempotent use, use the declarative module fortiflexvm_config of this collection: it creates the configuration only when none of that name exists.",
		"Give exactly one product type dict. Its parameters are checked against the built-in catalogue before anything is sent, unless C(bypass_validation) is set; parameters left out get FortiFlex's defaults.",
		"If the answer to the create is lost (network failure, server error), the request is not sent again; the module lists the program's configurations to find out whether it was created.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: append(append([]ansiblemod.Option{
		{Name: "programSerialNumber", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The program the configuration belongs to, for example C(ELAVMR0000000101)."}},
		{Name: "name", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The configuration name."}},
		{Name: "accountId", Type: ansiblemod.TypeInt,
			Description: []string{"Create the configuration in this FortiCloud account of the organization (default: the program's account)."}},
	}, common.ValidationOptions()...), common.ProductOptions(common.ForCreate)...)},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Checks the parameters, lists the program's configurations (an unknown program fails, a duplicate name warns, as in a real run), creates nothing and reports C(changed=true) with the configuration that would be created (its C(id) null)."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the configuration that is (or would be) created."},
	Examples: `
- name: A FortiGate VM configuration, 4 vCPUs, UTP bundle, two FortiGuard services
  flexgo.fortiflexvm.fortiflexvm_configs_create:
    programSerialNumber: ELAVMR0000000101
    name: edge-4cpu-utp
    fortiGateBundle:
      cpu: 4
      service: UTP
      vdom: 2
      fortiGuardServices: [FGTAVDB, FGTFAIS]
  register: created

- name: Its id, for the entitlement modules
  ansible.builtin.debug:
    msg: "{{ created.configs.id }}"

- name: A parameter this collection does not know yet, sent by raw id
  flexgo.fortiflexvm.fortiflexvm_configs_create:
    programSerialNumber: ELAVMR0000000101
    name: edge-with-converter
    bypass_validation: true
    fortiGateBundle:
      cpu: 2
      service: FC
      "43": [FGTFCSS]
`,
	Return: `
configs:
  description:
    - The configuration created; in check mode, the one that would be (with a null C(id)).
    - Its product parameters sit under a key named after the product type, keyed by parameter name, as in fortiflexvm_configs_list_info.
  returned: always
  type: dict
  sample: {"id": 5120, "name": "edge-4cpu-utp", "programSerialNumber": "ELAVMR0000000101", "accountId": 853130, "status": "ACTIVE",
           "fortiGateBundle": {"cpu": "4", "service": "UTP", "vdom": "2", "fortiGuardServices": ["FGTAVDB", "FGTFAIS"],
                               "cloudServices": [], "supportService": "NONE"}}
`,
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	if err := common.CheckIDs(req.Params, "accountId"); err != nil {
		return err
	}
	p := req.Params
	name := strings.TrimSpace(p.String("name"))
	if name == "" {
		return ansiblemod.Fail("name must not be empty")
	}
	prod, values, err := common.SelectProduct(p, false)
	if err != nil {
		return err
	}
	if err := common.CheckProduct(prod, values, common.ForCreate, p.Bool("bypass_validation")); err != nil {
		return err
	}
	params, err := common.EncodeProduct(prod, values, common.ForCreate)
	if err != nil {
		return err
	}
	common.WarnProduct(res, prod, values)
	program := strings.TrimSpace(p.String("programSerialNumber"))
	acct := p.IntPtr("accountId")

	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	before, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: program, AccountID: acct})
	if err != nil {
		return common.APIError(ctx, err)
	}
	var same []int
	for _, cfg := range before {
		if cfg.Name == name {
			same = append(same, cfg.ID)
		}
	}
	if len(same) > 0 {
		res.Warn("a configuration named %q already exists (id %s); fortiflexvm_configs_create creates another one", name, joinInts(same))
	}

	if req.CheckMode {
		preview := fortiflex.Configuration{Name: name, ProgramSerialNumber: program, Status: "ACTIVE",
			ProductType: fortiflex.ProductType{ID: prod.ID}, Parameters: common.ToParameters(prod.WithDefaults(common.FromParameters(params)))}
		if acct != nil {
			preview.AccountID = *acct
		}
		out := common.ConfigOutput(preview)
		out["id"] = nil
		if acct == nil {
			out["accountId"] = nil
		}
		res.Changed = true
		res.Set("configs", out)
		res.SetDiff(map[string]any{}, out)
		return nil
	}

	// Sent once; a lost answer is looked for among the configurations
	// listed again (those listed above are not it).
	created, err := common.CreateConfig(ctx, c, fortiflex.ConfigCreate{
		ProgramSerialNumber: program, AccountID: acct, Name: name, ProductTypeID: prod.ID, Parameters: params,
	}, before)
	if err != nil {
		return err
	}
	out := common.ConfigOutput(*created)
	res.Changed = true
	res.Set("configs", out)
	res.SetDiff(map[string]any{}, out)
	return nil
}

func joinInts(ids []int) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(id)
	}
	return strings.Join(s, ", ")
}
