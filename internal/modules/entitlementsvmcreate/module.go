// Package entitlementsvmcreate is fortiflexvm_entitlements_vm_create: create
// VM entitlements (each run creates them, as in fortinet.fortiflexvm).
package entitlementsvmcreate

import (
	"context"
	"errors"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_vm_create.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_vm_create",
	Short: "Create FortiFlex VM entitlements",
	Description: []string{
		"Creates C(count) VM entitlements from a VM configuration, each with a serial number and a license token for a new VM.",
		"Every run creates new entitlements, as in fortinet.fortiflexvm, and ACTIVE entitlements cost points every day. For a fixed number of entitlements whatever the number of runs, use the declarative module fortiflexvm_vm_pool of this collection.",
		"If the answer to the create is lost (network failure, server error), the request is not sent again: paying twice is worse than failing. The task fails and says how to check what was created.",
		"C(count=0) creates nothing and reports C(changed=false).",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "configId", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The VM configuration to create the entitlements from."}},
		{Name: "count", Type: ansiblemod.TypeInt, Default: 1,
			Description: []string{"How many entitlements to create."}},
		{Name: "description", Type: ansiblemod.TypeStr, Default: "",
			Description: []string{"Description given to every new entitlement."}},
		{Name: "endDate", Type: ansiblemod.TypeStr,
			Description: []string{"When the entitlements end, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end. Left out: the program's end."}},
		{Name: "folderPath", Type: ansiblemod.TypeStr,
			Description: []string{"The asset folder for the entitlements, for example C(My Assets/branch). Left out: C(My Assets)."}},
		{Name: "skipPending", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{"Make the entitlements ACTIVE at once instead of PENDING until their token is used. They then cost points from today."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration and fails as the real run would when it is unknown, DISABLED or not a VM one; otherwise reports C(changed=true) (unless C(count=0)) and creates nothing."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: Two FortiGate VM entitlements for a branch
  flexgo.fortiflexvm.fortiflexvm_entitlements_vm_create:
    configId: 5000
    count: 2
    description: branch-a
    folderPath: My Assets/branch
    endDate: "2027-06-30"
  register: created
  no_log: true   # the result holds license tokens
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	count := p.Int("count")
	if count < 0 {
		return ansiblemod.Fail("count must be 0 or more, got %d", count)
	}
	if err := common.CheckIDs(p, "configId"); err != nil {
		return err
	}
	cfgID := p.Int("configId")
	end, err := common.DateOption(p, "endDate")
	if err != nil {
		return err
	}
	if count == 0 {
		res.Set("entitlements", []any{})
		return nil
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	if req.CheckMode {
		if _, err := common.CheckCreatable(ctx, c, cfgID, catalog.VM); err != nil {
			return err
		}
		res.Changed = true
		res.Set("entitlements", []any{})
		return nil
	}
	res.Changed = true
	list, err := c.EntitlementsVMCreate(ctx, fortiflex.VMCreate{
		ConfigID: cfgID, Count: count, Description: p.String("description"), EndDate: end,
		FolderPath: p.String("folderPath"), SkipPending: p.Bool("skipPending"),
	})
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		return ansiblemod.Fail("FortiFlex entitlements/vm/create did not answer (%s): the %d entitlement(s) may have been created. The request was not sent again, so that nothing is paid for twice. List configuration %d (fortiflexvm_entitlements_list_info with configId: %d) and compare before running the task again",
			common.LostDetail(err), count, cfgID, cfgID)
	}
	if err != nil {
		res.Changed = false
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", common.EntitlementsOutput(list))
	return nil
}
