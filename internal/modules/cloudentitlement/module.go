// Package cloudentitlement is fortiflexvm_cloud_entitlement: the one
// cloud-service entitlement of a configuration, ACTIVE or STOPPED.
package cloudentitlement

import (
	"context"
	"errors"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// Module is fortiflexvm_cloud_entitlement.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_cloud_entitlement",
	Short: "Ensure the cloud-service entitlement of a FortiFlex configuration",
	Description: []string{
		"Ensures that a cloud-service configuration (FortiClient EMS Cloud, FortiSASE, FortiWeb Cloud, FortiEDR, ...) has its entitlement, ACTIVE or STOPPED, with the given description and end date.",
		"Creates the entitlement when the configuration has none; otherwise changes only what differs. A second run with the same options changes nothing and sends only reads.",
		"FortiFlex allows one entitlement per cloud product and account: when another configuration of the same product in the account already holds it, the module fails and names it (move it with fortiflexvm_entitlement and its config_id).",
		"If the answer to the create is lost, the request is not sent again; the module lists the configuration and adopts the entitlement it finds.",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "config_id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The cloud-service configuration."}},
		{Name: "state", Type: ansiblemod.TypeStr, Default: "active", Choices: []string{"active", "stopped"},
			Description: []string{"C(active) creates or reactivates the entitlement; C(stopped) stops it (creating it first if there is none: it then costs its first day).",
				"Stopping takes effect from the next day; a day fully stopped costs no points."}},
		{Name: "description", Type: ansiblemod.TypeStr,
			Description: []string{"The entitlement's description; an empty string clears it; left out means unchanged."}},
		{Name: "end_date", Type: ansiblemod.TypeStr,
			Description: []string{"The end date, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss, compared as a date; not in the past and not after the program's end. Left out: the program's end for a new entitlement, unchanged for an existing one."}},
		{Name: "folder_path", Type: ansiblemod.TypeStr,
			Description: []string{"The asset folder of a new entitlement (FortiFlex does not report it afterwards, so an existing entitlement is not compared)."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Reads the configuration and its entitlement, writes nothing and reports exactly what would change (a new entitlement has a null serial number), with C(points_per_day) when what is charged changes."},
	DiffMode:  ansiblemod.Attribute{Support: ansiblemod.Full, Details: "Shows the entitlement before (empty when created) and after."},
	Examples: `
- name: The FortiClient EMS Cloud subscription runs until the end of 2027
  flexgo.fortiflexvm.fortiflexvm_cloud_entitlement:
    config_id: 5003
    end_date: "2027-12-31"
    description: ems-prod

- name: Pause it
  flexgo.fortiflexvm.fortiflexvm_cloud_entitlement:
    config_id: 5003
    state: stopped
`,
	Return: common.EntitlementsDoc("entitlement", "dict", "success",
		"The entitlement after the task (in check mode, as it would be; a new one has a null C(serialNumber)).") +
		common.PointsReturn("the entitlement"),
	Run: common.Run(run),
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	p := req.Params
	if err := common.CheckIDs(p, "config_id"); err != nil {
		return err
	}
	cfgID := p.Int("config_id")
	end, err := common.DateOption(p, "end_date")
	if err != nil {
		return err
	}
	var desc *string
	if p.Given("description") && p.Raw("description") != nil {
		d := p.String("description")
		desc = &d
	}
	status := strings.ToUpper(p.String("state"))

	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	cfg, err := common.FindConfig(ctx, c, cfgID)
	if err != nil {
		return err
	}
	if cfg == nil {
		return ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check the id with fortiflexvm_configs_list_info", cfgID)
	}
	if prod, ok := catalog.ProductByID(cfg.ProductType.ID); ok && prod.FormFactor != catalog.Cloud {
		return ansiblemod.Fail("configuration %d is a %s configuration, not a cloud service one", cfgID, prod.Key)
	}
	cur, err := current(ctx, c, cfgID)
	if err != nil {
		return err
	}

	if cur == nil {
		return create(ctx, req, res, c, cfg, end, desc, status)
	}
	ch, err := common.PlanEntitlementChange(*cur, common.EntitlementWant{Description: desc, EndDate: end, Status: status})
	if err != nil {
		return err
	}
	res.Changed = ch.Changed()
	res.SetDiff(common.EntitlementOutput(ch.Before), common.EntitlementOutput(ch.After))
	if b, a := common.Charged(ch.Before.Status), common.Charged(ch.After.Status); (req.CheckMode || req.Diff) && b != a {
		common.SetPointsPerDay(ctx, res, c, &common.Points{Config: cfg, Count: b}, &common.Points{Config: cfg, Count: a})
	}
	if !res.Changed || req.CheckMode {
		res.Set("entitlement", common.EntitlementOutput(ch.After))
		return nil
	}
	final, err := ch.Apply(ctx, c)
	if err != nil {
		return err
	}
	res.Set("entitlement", common.EntitlementOutput(*final))
	res.SetDiff(common.EntitlementOutput(ch.Before), common.EntitlementOutput(*final))
	return nil
}

// current is the configuration's entitlement that is not EXPIRED, or nil.
func current(ctx context.Context, c *fortiflex.Client, cfgID int) (*fortiflex.Entitlement, error) {
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &cfgID})
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Status != "EXPIRED" {
			return &list[i], nil
		}
	}
	return nil, nil
}

// create makes the configuration's entitlement (and stops it when asked).
func create(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result, c *fortiflex.Client, cfg *fortiflex.Configuration, end string, desc *string, status string) error {
	if cfg.Status == "DISABLED" {
		return ansiblemod.Fail("configuration %d is DISABLED: FortiFlex creates no entitlements from it. Enable it first (fortiflexvm_configs_update with status: ACTIVE)", cfg.ID)
	}
	if err := common.CheckCloudFree(ctx, c, cfg); err != nil {
		return err
	}
	predicted := fortiflex.Entitlement{AccountID: cfg.AccountID, ConfigID: cfg.ID, EndDate: end, Status: status}
	if desc != nil {
		predicted.Description = *desc
	}
	res.Changed = true
	if req.CheckMode || req.Diff {
		common.SetPointsPerDay(ctx, res, c, &common.Points{Config: cfg, Count: 0}, &common.Points{Config: cfg, Count: common.Charged(status)})
	}
	if req.CheckMode {
		out := common.EntitlementOutput(predicted)
		out["serialNumber"] = nil
		res.Set("entitlement", out)
		res.SetDiff(map[string]any{}, out)
		return nil
	}
	in := fortiflex.CloudCreate{ConfigID: cfg.ID, EndDate: end, FolderPath: req.Params.String("folder_path")}
	if desc != nil {
		in.Description = *desc
	}
	list, err := c.EntitlementsCloudCreate(ctx, in)
	if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		// Never sent twice: the configuration had no entitlement, so one
		// that is there now is ours.
		found, lerr := current(ctx, c, cfg.ID)
		if lerr != nil || found == nil {
			res.Changed = false
			return ansiblemod.Fail("FortiFlex entitlements/cloud/create did not answer (%s), and no entitlement appeared in configuration %d, so none was created. Running the task again is safe", common.LostDetail(err), cfg.ID)
		}
		list, err = []fortiflex.Entitlement{*found}, nil
	}
	if err != nil {
		res.Changed = false
		return err
	}
	if len(list) == 0 {
		return ansiblemod.Fail("FortiFlex entitlements/cloud/create answered without an entitlement; check configuration %d with fortiflexvm_entitlements_list_info", cfg.ID)
	}
	final := list[0]
	if status == "STOPPED" && final.Status != "STOPPED" {
		ch, err := common.PlanEntitlementChange(final, common.EntitlementWant{Status: status})
		if err != nil {
			return err
		}
		stopped, err := ch.Apply(ctx, c)
		if err != nil {
			return err
		}
		final = *stopped
	}
	out := common.EntitlementOutput(final)
	res.Set("entitlement", out)
	res.SetDiff(map[string]any{}, out)
	return nil
}
