// Package entitlement is fortiflexvm_entitlement, the declarative module of
// one entitlement: it ensures the entitlement's status (ACTIVE or STOPPED),
// description, end date and configuration, and that a VM entitlement's
// license token is unused (regenerated only when it has been used). A second
// run with the same options changes nothing and sends only reads.
package entitlement

import (
	"context"
	"fmt"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// diffNewToken stands in the diff for a token that is to be regenerated;
// common.Run masks every other token in diffs.
const diffNewToken = "<new token>"

// Module is fortiflexvm_entitlement.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_entitlement",
	Short: "Ensure the state of one FortiFlex entitlement",
	Description: []string{
		"Ensures that one existing entitlement, found by its serial number, has the given status (ACTIVE or STOPPED), description, end date and configuration, and, for a VM entitlement, an unused license token.",
		"Declarative: only what differs is sent, and a second run with the same options reports C(changed=false) and sends only reads. Options left out are left as they are.",
		"End dates are compared as dates, so C(2027-06-30) equals C(2027-06-30T00:00:00).",
		"Status follows FortiFlex's state machine: C(STOPPED) stops an ACTIVE or PENDING entitlement (from the next day; a day fully stopped costs no points); C(ACTIVE) reactivates a STOPPED one. A PENDING entitlement becomes ACTIVE only when its token is used on a VM, so C(status=ACTIVE) on it fails.",
		"A different C(config_id) moves the entitlement to that configuration. Before anything is sent, the target is read and the task fails when it is unknown, DISABLED or of another product type.",
		"With C(token_unused=true), the license token of a VM entitlement is regenerated when FortiFlex reports it C(USED), and left alone when it is C(NOTUSED). The old token stops working.",
		"A regeneration whose answer is lost is never sent again: the entitlement is read again, and the task succeeds when it shows a new unused token, else fails and says how to check.",
		"This module does not create entitlements; use fortiflexvm_entitlements_vm_create, fortiflexvm_entitlements_hardware_create or fortiflexvm_entitlements_cloud_create.",
	},
	SeeAlso: []string{
		"flexgo.fortiflexvm.fortiflexvm_entitlements_list_info",
		"flexgo.fortiflexvm.fortiflexvm_entitlements_update",
		"flexgo.fortiflexvm.fortiflexvm_entitlements_vm_regenerate_token",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "serial_number", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The entitlement's serial number (VM, hardware or cloud)."}},
		{Name: "config_id", Type: ansiblemod.TypeInt,
			Description: []string{"The configuration the entitlement should use; a different one moves the entitlement there (same product type, not DISABLED).",
				"Also the first place the entitlement is looked for, which saves requests; without it every program the API user can see is searched."}},
		{Name: "description", Type: ansiblemod.TypeStr,
			Description: []string{"The description the entitlement should have; an empty string clears it. Left out means unchanged."}},
		{Name: "end_date", Type: ansiblemod.TypeStr,
			Description: []string{"The end date the entitlement should have, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end.",
				"FortiFlex changes the end date of PENDING and ACTIVE entitlements only; a STOPPED one needs C(status=ACTIVE) in the same task."}},
		{Name: "status", Type: ansiblemod.TypeStr, Choices: []string{"ACTIVE", "STOPPED"},
			Description: []string{"C(STOPPED) stops an ACTIVE or PENDING entitlement; C(ACTIVE) reactivates a STOPPED one. Left out means unchanged."}},
		{Name: "token_unused", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{"C(true) ensures the VM entitlement's license token is unused: a C(USED) token is regenerated (once; the next run finds it C(NOTUSED) and does nothing), a C(NOTUSED) one is kept.",
				"Hardware and cloud entitlements have no token: C(true) on them fails before anything is sent.",
				"C(false) leaves the token alone."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Reads the entitlement (and the target configuration of a move), sends no change, reports exactly what would change and returns the predicted entitlement. A regenerated token cannot be known in advance: the prediction has C(token=null) and C(tokenStatus=NOTUSED)."},
	DiffMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Shows the entitlement before and after. License tokens are never shown in the diff: a token is written C(<token>), a regenerated one C(<new token>)."},
	Examples: `
- name: Stop an idle VM entitlement
  flexgo.fortiflexvm.fortiflexvm_entitlement:
    serial_number: FGVMELTM24000002
    status: STOPPED

- name: Reactivate it, move it to another FortiGate VM configuration, describe it and set its end date
  flexgo.fortiflexvm.fortiflexvm_entitlement:
    serial_number: FGVMELTM24000002
    status: ACTIVE
    config_id: 5005
    description: core-fw
    end_date: "2027-12-31"

- name: Give a redeployed VM an unused license token (regenerated only if the current one was used)
  flexgo.fortiflexvm.fortiflexvm_entitlement:
    serial_number: FGVMELTM24000002
    config_id: 5000
    token_unused: true
  register: vm_license
  no_log: true   # the result holds the license token

- name: Preview a change without making it
  flexgo.fortiflexvm.fortiflexvm_entitlement:
    serial_number: FGVMELTM24000003
    status: ACTIVE
    description: ""
  check_mode: true
  diff: true
  register: preview
`,
	Return: common.EntitlementsDoc("entitlement", "dict", "success",
		"The entitlement after the task; in check mode, as it would be.",
		"In check mode, when a token would be regenerated, the new token cannot be known, so C(token) is null and C(tokenStatus) is C(NOTUSED).") +
		common.PointsReturn("the entitlement"),
	Run: common.Run(run),
}

// want is what the task asks for, validated.
type want struct {
	serial      string
	configID    *int
	tokenUnused bool
	change      common.EntitlementWant
}

func options(p ansiblemod.Params) (want, error) {
	var w want
	w.serial = strings.TrimSpace(p.String("serial_number"))
	if w.serial == "" {
		return w, ansiblemod.Fail("serial_number must not be empty")
	}
	if err := common.CheckIDs(p, "config_id"); err != nil {
		return w, err
	}
	end, err := common.DateOption(p, "end_date")
	if err != nil {
		return w, err
	}
	w.configID = p.IntPtr("config_id")
	var desc *string
	if p.Given("description") && p.Raw("description") != nil {
		d := p.String("description")
		desc = &d
	}
	w.tokenUnused = p.Bool("token_unused")
	w.change = common.EntitlementWant{ConfigID: w.configID, Description: desc, EndDate: end, Status: p.String("status")}
	return w, nil
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	w, err := options(req.Params)
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	cur, err := common.FindEntitlement(ctx, c, w.serial, w.configID)
	if err != nil {
		return common.APIError(ctx, err)
	}
	if cur == nil {
		return ansiblemod.Fail("entitlement %s not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", w.serial)
	}
	if w.tokenUnused && cur.Token == "" {
		return ansiblemod.Fail("entitlement %s has no license token: it is a hardware or cloud entitlement, and token_unused applies to VM entitlements only. Leave token_unused out for it", cur.SerialNumber)
	}
	ch, err := common.PlanEntitlementChange(*cur, w.change)
	if err != nil {
		return err
	}
	var configs map[int]*fortiflex.Configuration // read for a move
	if ch.After.ConfigID != cur.ConfigID {
		if configs, err = checkMove(ctx, c, *cur, ch.After.ConfigID); err != nil {
			return err
		}
	}
	regen := w.tokenUnused && strings.EqualFold(cur.TokenStatus, "USED")

	res.Changed = ch.Changed() || regen
	predicted := common.EntitlementOutput(ch.After)
	if regen {
		predicted["token"], predicted["tokenStatus"] = nil, "NOTUSED"
	}
	res.SetDiff(diffView(ch.Before, false), diffView(ch.After, regen))
	if req.CheckMode || req.Diff {
		pointsPerDay(ctx, res, c, ch.Before, ch.After, configs)
	}
	if !res.Changed || req.CheckMode {
		res.Set("entitlement", predicted)
		return nil
	}

	final := *cur
	if ch.Changed() {
		e, err := ch.Apply(ctx, c)
		if err != nil {
			res.Changed = changedSince(ctx, c, *cur)
			return err
		}
		final = *e
	}
	if regen {
		done := ""
		if ch.Changed() {
			done = " The other changes of the task were made."
		}
		e, maybe, err := common.RegenerateToken(ctx, c, final, fmt.Sprintf(" (a second regeneration would replace the first token).%s "+
			"Read the current token with fortiflexvm_entitlements_list_info (configId: %d, serialNumber: %s) before running the task again",
			done, final.ConfigID, final.SerialNumber))
		if err != nil {
			res.Changed = ch.Changed() || maybe
			return err
		}
		final = *e
	}
	res.Set("entitlement", common.EntitlementOutput(final))
	res.SetDiff(diffView(ch.Before, false), diffView(final, regen))
	return nil
}

// changedSince reads the entitlement after a failed change and reports
// whether anything of it differs from before (a half-done change): a
// failure keeps changed as it is. When it cannot be read, it may have
// changed.
func changedSince(ctx context.Context, c *fortiflex.Client, before fortiflex.Entitlement) bool {
	cfg := before.ConfigID
	now, err := common.FindEntitlement(ctx, c, before.SerialNumber, &cfg)
	if err != nil || now == nil {
		return true
	}
	return now.Status != before.Status || now.ConfigID != before.ConfigID ||
		now.Description != before.Description || !common.SameDate(now.EndDate, before.EndDate)
}

// diffView is the entitlement as the diff shows it, a token to be
// regenerated marked as such.
func diffView(e fortiflex.Entitlement, regenerated bool) map[string]any {
	out := common.EntitlementOutput(e)
	if regenerated {
		out["token"], out["tokenStatus"] = diffNewToken, "NOTUSED"
	}
	return out
}

// pointsPerDay sets points_per_day when the change affects what the
// entitlement costs: it starts or stops being charged (only ACTIVE ones
// are), or a charged one moves to another configuration.
func pointsPerDay(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, before, after fortiflex.Entitlement, configs map[int]*fortiflex.Configuration) {
	b, a := common.Charged(before.Status), common.Charged(after.Status)
	if b == a && (a == 0 || before.ConfigID == after.ConfigID) {
		return
	}
	var err error
	if configs == nil { // not read for a move
		configs, err = common.FindConfigs(ctx, c, before.ConfigID, after.ConfigID)
	}
	from, to := configs[before.ConfigID], configs[after.ConfigID]
	if err != nil || from == nil || to == nil {
		res.Warn("points_per_day left out: the configurations could not be read")
		return
	}
	common.SetPointsPerDay(ctx, res, c, &common.Points{Config: from, Count: b}, &common.Points{Config: to, Count: a})
}

// checkMove fails, before anything is sent, when the entitlement cannot be
// moved to configuration target: unknown, DISABLED, or another product type
// than its current configuration.
func checkMove(ctx context.Context, c *fortiflex.Client, cur fortiflex.Entitlement, target int) (map[int]*fortiflex.Configuration, error) {
	found, err := common.FindConfigs(ctx, c, target, cur.ConfigID)
	if err != nil {
		return nil, common.APIError(ctx, err)
	}
	to, from := found[target], found[cur.ConfigID]
	switch {
	case to == nil:
		return nil, ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check config_id with fortiflexvm_configs_list_info", target)
	case from != nil && from.ProductType.ID != to.ProductType.ID:
		return nil, ansiblemod.Fail("entitlement %s cannot move to configuration %d: that is a %s configuration, and the entitlement's configuration %d is %s. FortiFlex moves entitlements only between configurations of the same product type",
			cur.SerialNumber, target, common.ProductWord(to.ProductType), cur.ConfigID, common.ProductWord(from.ProductType))
	case to.Status == "DISABLED":
		return nil, ansiblemod.Fail("entitlement %s cannot move to configuration %d: it is DISABLED. Enable it first (fortiflexvm_configs_update with status: ACTIVE)", cur.SerialNumber, target)
	}
	return found, nil
}
