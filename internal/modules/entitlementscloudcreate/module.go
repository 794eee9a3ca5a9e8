// Package entitlementscloudcreate is fortiflexvm_entitlements_cloud_create:
// create the cloud-service entitlement of a cloud configuration.
package entitlementscloudcreate

import (
	"context"
	"errors"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_entitlements_cloud_create.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlements_cloud_create",
	Short: "Create a FortiFlex cloud-service entitlement",
	Description: []string{
		"Creates the entitlement of a cloud service (FortiClient EMS Cloud, FortiSASE, FortiWeb Cloud, ...) from a cloud configuration; it starts ACTIVE.",
		"FortiFlex allows one entitlement per cloud product per account, so a second create for the same product fails.",
		"Unlike fortinet.fortiflexvm, check mode reports C(changed=true), as the real run would.",
		"If the answer to the create is lost (network failure, server error), the request is not sent again; the module lists the configuration to see whether the entitlement was created.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "configId", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The cloud-service configuration."}},
		{Name: "endDate", Type: ansiblemod.TypeStr,
			Description: []string{"When the entitlement ends, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end. Left out: the program's end."}},
		{Name: "folderPath", Type: ansiblemod.TypeStr,
			Description: []string{"The asset folder for the entitlement. Not in fortinet.fortiflexvm; the API takes it."}},
		{Name: "description", Type: ansiblemod.TypeStr,
			Description: []string{"Description of the entitlement. Not in fortinet.fortiflexvm; the API takes it."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration and the account's entitlements and fails as the real run would (unknown or DISABLED configuration, not a cloud one, the account already has this product); otherwise reports C(changed=true) and creates nothing."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.None},
	Examples: `
- name: The FortiClient EMS Cloud entitlement
  flexgo.fortiflexvm.fortiflexvm_entitlements_cloud_create:
    configId: 5003
    endDate: "2027-12-31"
`,
	Return: common.EntitlementsReturn,
	Run:    common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	if err := common.CheckIDs(p, "configId"); err != nil {
		return err
	}
	cfgID := p.Int("configId")
	end, err := common.DateOption(p, "endDate")
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	if req.CheckMode {
		cfg, err := common.CheckCreatable(ctx, c, cfgID, catalog.Cloud)
		if err != nil {
			return err
		}
		if err := common.CheckCloudFree(ctx, c, cfg); err != nil {
			return err
		}
		res.Changed = true
		res.Set("entitlements", []any{})
		return nil
	}
	res.Changed = true
	before, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		res.Changed = false
		return common.APIError(ctx, err)
	}
	list, err := c.EntitlementsCloudCreate(ctx, fortiflex.CloudCreate{
		ConfigID: cfgID, EndDate: end, FolderPath: p.String("folderPath"), Description: p.String("description"),
	})
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		list, err = recoverLost(ctx, c, cfgID, before, err)
	}
	if err != nil {
		res.Changed = false
		return common.APIError(ctx, err)
	}
	res.Set("entitlements", common.EntitlementsOutput(list))
	return nil
}

func recoverLost(ctx context.Context, c *fortiflex.Client, cfgID int, before []fortiflex.Entitlement, lost error) ([]fortiflex.Entitlement, error) {
	after, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		return nil, lost
	}
	had := map[string]bool{}
	for _, e := range before {
		had[e.SerialNumber] = true
	}
	var found []fortiflex.Entitlement
	for _, e := range after {
		if !had[e.SerialNumber] {
			found = append(found, e)
		}
	}
	if len(found) > 0 {
		return found, nil
	}
	return nil, ansiblemod.Fail("FortiFlex entitlements/cloud/create did not answer (%s), and no new entitlement appeared in configuration %d, so none was created. Running the task again is safe", common.LostDetail(lost), cfgID)
}
