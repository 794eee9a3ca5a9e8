package entitlementtransfer

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// options are the validated options.
type options struct {
	serials   []string // trimmed, in the order given
	target    int      // target_account_id
	targetCfg *int     // target_config_id, nil when not given
}

func parse(p ansiblemod.Params) (options, error) {
	var o options
	seen := map[string]bool{}
	for _, s := range p.Strings("serial_numbers") {
		s = strings.TrimSpace(s)
		if s == "" {
			return o, ansiblemod.Fail("serial_numbers must not contain empty strings")
		}
		if seen[strings.ToUpper(s)] {
			return o, ansiblemod.Fail("serial_numbers lists %s twice", s)
		}
		seen[strings.ToUpper(s)] = true
		o.serials = append(o.serials, s)
	}
	if len(o.serials) == 0 {
		return o, ansiblemod.Fail("serial_numbers must list at least one serial number")
	}
	if o.target = p.Int("target_account_id"); o.target <= 0 {
		return o, ansiblemod.Fail("target_account_id must be a FortiCloud account id (a positive number), got %d", o.target)
	}
	if err := common.CheckIDs(p, "target_config_id"); err != nil {
		return o, err
	}
	o.targetCfg = p.IntPtr("target_config_id")
	return o, nil
}

// item is one listed serial number and what happens to it.
type item struct {
	cur   fortiflex.Entitlement // where it is before the task
	move  bool                  // to be transferred
	final fortiflex.Entitlement // where it is after the task (or would be)
	done  bool                  // transferred by this run
}

// group is the serial numbers of one source account and configuration: one
// entitlements/transfer request.
type group struct {
	account, config int
	items           []*item
}

func (g *group) serials() []string {
	out := make([]string, len(g.items))
	for i, it := range g.items {
		out[i] = it.cur.SerialNumber
	}
	return out
}

func run(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
	o, err := parse(req.Params)
	if err != nil {
		return err
	}
	c, err := common.Client(req, res)
	if err != nil {
		return err
	}
	found, err := common.FindEntitlements(ctx, c, o.serials, o.targetCfg, &o.target)
	if err != nil {
		return err
	}
	items, err := plan(o, found)
	if err != nil {
		return err
	}
	groups := groupItems(items)
	if len(groups) > 0 && o.targetCfg != nil {
		if err := checkTarget(ctx, c, o, groups); err != nil {
			return err
		}
	}

	before := diffView(items, func(it *item) fortiflex.Entitlement { return it.cur }, nil)
	res.Changed = len(groups) > 0
	if req.CheckMode || len(groups) == 0 {
		for _, it := range items {
			it.final = it.cur
			if it.move {
				it.final.AccountID = o.target
				if o.targetCfg != nil {
					it.final.ConfigID = *o.targetCfg
				}
				it.done = true
			}
		}
		res.SetDiff(before, diffView(items, func(it *item) fortiflex.Entitlement { return it.final }, predictedConfig(o)))
		setResult(res, items, predictedConfig(o))
		return nil
	}

	for _, g := range groups {
		if err := transfer(ctx, c, o, g); err != nil {
			res.Changed = anyDone(items)
			res.Set("transferred", transferred(items))
			return err
		}
	}
	// A serial number the answer left out is read again.
	var unsure []string
	for _, it := range items {
		if it.move && it.final.SerialNumber == "" {
			unsure = append(unsure, it.cur.SerialNumber)
		}
	}
	if len(unsure) > 0 {
		again, err := common.FindEntitlements(ctx, c, unsure, o.targetCfg, &o.target)
		if err != nil {
			res.Set("transferred", transferred(items))
			return err
		}
		for _, it := range items {
			if e, ok := again[strings.ToUpper(it.cur.SerialNumber)]; ok && it.move && it.final.SerialNumber == "" {
				it.final = e
			}
		}
	}
	for _, it := range items {
		if it.final.SerialNumber == "" {
			it.final = it.cur
			it.final.AccountID = o.target
		}
	}
	res.SetDiff(before, diffView(items, func(it *item) fortiflex.Entitlement { return it.final }, nil))
	setResult(res, items, nil)
	return nil
}

// plan finds each serial number and decides whether it moves. It fails,
// before anything is sent, for serial numbers not found, EXPIRED ones, and
// ones in the target account but another configuration than target_config_id.
func plan(o options, found map[string]fortiflex.Entitlement) ([]*item, error) {
	var missing []string
	items := make([]*item, 0, len(o.serials))
	for _, s := range o.serials {
		e, ok := found[strings.ToUpper(s)]
		if !ok {
			missing = append(missing, s)
			continue
		}
		items = append(items, &item{cur: e})
	}
	switch len(missing) {
	case 0:
	case 1:
		return nil, ansiblemod.Fail("entitlement %s not found in any FortiFlex program this API user can see; check the serial number with fortiflexvm_entitlements_list_info", missing[0])
	default:
		return nil, ansiblemod.Fail("entitlements %s not found in any FortiFlex program this API user can see; check the serial numbers with fortiflexvm_entitlements_list_info", strings.Join(missing, ", "))
	}
	for _, it := range items {
		e := it.cur
		if e.AccountID == o.target {
			if o.targetCfg != nil && e.ConfigID != *o.targetCfg {
				return nil, ansiblemod.Fail("entitlement %s is already in account %d, in configuration %d, not %d: a move between configurations of one account is not a transfer. "+
					"Use fortiflexvm_entitlement (serial_number: %s, config_id: %d) for it", e.SerialNumber, o.target, e.ConfigID, *o.targetCfg, e.SerialNumber, *o.targetCfg)
			}
			continue
		}
		if e.Status == "EXPIRED" {
			return nil, ansiblemod.Fail("entitlement %s is EXPIRED: FortiFlex transfers no expired entitlement. Leave it out of serial_numbers", e.SerialNumber)
		}
		it.move = true
	}
	return items, nil
}

// groupItems groups the serial numbers to move by source account and
// configuration, in the order they were first listed.
func groupItems(items []*item) []*group {
	var groups []*group
	byKey := map[[2]int]*group{}
	for _, it := range items {
		if !it.move {
			continue
		}
		key := [2]int{it.cur.AccountID, it.cur.ConfigID}
		g, ok := byKey[key]
		if !ok {
			g = &group{account: key[0], config: key[1]}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, it)
	}
	return groups
}

// checkTarget fails, before anything is sent, when target_config_id cannot
// take the serial numbers: unknown, in another account, of another product
// type than a serial number's configuration, or DISABLED.
func checkTarget(ctx context.Context, c *fortiflex.Client, o options, groups []*group) error {
	id := *o.targetCfg
	ids := []int{id}
	for _, g := range groups {
		ids = append(ids, g.config)
	}
	configs, err := common.FindConfigs(ctx, c, ids...)
	if err != nil {
		return err
	}
	to, ok := configs[id]
	if !ok {
		return ansiblemod.Fail("configuration %d not found in any FortiFlex program this API user can see; check target_config_id with fortiflexvm_configs_list_info", id)
	}
	if to.AccountID != o.target {
		return ansiblemod.Fail("configuration %d is in account %d, not in the target account %d: target_config_id must be a configuration of target_account_id", id, to.AccountID, o.target)
	}
	for _, g := range groups {
		from, ok := configs[g.config]
		if ok && from.ProductType.ID != to.ProductType.ID {
			return ansiblemod.Fail("entitlement %s cannot be transferred to configuration %d: that is a %s configuration, and the entitlement's configuration %d is %s. "+
				"FortiFlex transfers entitlements only to a configuration of the same product type", g.items[0].cur.SerialNumber, id, common.ProductWord(to.ProductType), g.config, common.ProductWord(from.ProductType))
		}
	}
	if to.Status == "DISABLED" {
		return ansiblemod.Fail("configuration %d is DISABLED: FortiFlex transfers no entitlement to it. Enable it first (fortiflexvm_configs_update with status: ACTIVE), or leave target_config_id out", id)
	}
	return nil
}

// transfer sends one group's entitlements/transfer. Its request is never
// sent twice: when the answer is lost, the serial numbers are found again,
// and the group counts as done when they are all in the target account
// (and configuration).
func transfer(ctx context.Context, c *fortiflex.Client, o options, g *group) error {
	moved, err := c.EntitlementsTransfer(ctx, fortiflex.Transfer{
		SourceAccountID: g.account, SourceConfigID: g.config,
		TargetAccountID: o.target, TargetConfigID: o.targetCfg, SerialNumbers: g.serials(),
	})
	if err == nil {
		byKey := map[string]fortiflex.Entitlement{}
		for _, e := range moved {
			byKey[strings.ToUpper(e.SerialNumber)] = e
		}
		for _, it := range g.items {
			it.done = true
			if e, ok := byKey[strings.ToUpper(it.cur.SerialNumber)]; ok {
				it.final = e
			}
		}
		return nil
	}
	if !errors.Is(err, fortiflex.ErrOutcomeUnknown) {
		return common.APIError(ctx, err)
	}
	again, ferr := common.FindEntitlements(ctx, c, g.serials(), o.targetCfg, &o.target)
	var where []string
	for _, it := range g.items {
		e, ok := again[strings.ToUpper(it.cur.SerialNumber)]
		switch {
		case ferr != nil:
		case !ok:
			where = append(where, it.cur.SerialNumber+" was not found")
		case e.AccountID == o.target && (o.targetCfg == nil || e.ConfigID == *o.targetCfg):
			it.done, it.final = true, e
			where = append(where, fmt.Sprintf("%s is in account %d (configuration %d)", e.SerialNumber, e.AccountID, e.ConfigID))
		default:
			where = append(where, fmt.Sprintf("%s is in account %d (configuration %d)", e.SerialNumber, e.AccountID, e.ConfigID))
		}
	}
	if ferr == nil && allDone(g.items) {
		return nil
	}
	found := "finding the serial numbers again shows that not all of them are in account " + strconv.Itoa(o.target)
	if o.targetCfg != nil {
		found += fmt.Sprintf(", configuration %d", *o.targetCfg)
	}
	found += ": " + strings.Join(where, ", ")
	if ferr != nil {
		found = "the serial numbers could not be found again (" + common.APIError(ctx, ferr).Error() + ")"
	}
	return ansiblemod.Fail("FortiFlex entitlements/transfer of %s from configuration %d did not answer (%s), and %s. The request was not sent again, so that nothing is transferred twice. "+
		"Check them with fortiflexvm_entitlements_list_info (configId: %d) before running the task again; it then transfers only the serial numbers not in account %d yet",
		strings.Join(g.serials(), ", "), g.config, common.LostDetail(err), found, g.config, o.target)
}

func allDone(items []*item) bool {
	for _, it := range items {
		if !it.done {
			return false
		}
	}
	return true
}

func anyDone(items []*item) bool {
	for _, it := range items {
		if it.done {
			return true
		}
	}
	return false
}

// transferred lists the serial numbers moved by this run (or that would be).
func transferred(items []*item) []string {
	out := []string{}
	for _, it := range items {
		if it.done {
			out = append(out, it.final.SerialNumber)
		}
	}
	return out
}

// predictedConfig is the configuration id a transferred entitlement is shown
// with in check mode: target_config_id, or null (FortiFlex chooses it).
func predictedConfig(o options) func(it *item) any {
	return func(it *item) any {
		if it.move && o.targetCfg == nil {
			return nil
		}
		return it.final.ConfigID
	}
}

// diffView maps each serial number to its account and configuration.
// configOf, when given, overrides the configuration shown.
func diffView(items []*item, pick func(*item) fortiflex.Entitlement, configOf func(*item) any) map[string]any {
	out := map[string]any{}
	for _, it := range items {
		e := pick(it)
		var cfg any = e.ConfigID
		if configOf != nil {
			cfg = configOf(it)
		}
		out[it.cur.SerialNumber] = map[string]any{"accountId": e.AccountID, "configId": cfg}
	}
	return out
}

// setResult sets entitlements (in the order given) and transferred.
func setResult(res *ansiblemod.Result, items []*item, configOf func(*item) any) {
	list := make([]map[string]any, 0, len(items))
	for _, it := range items {
		out := common.EntitlementOutput(it.final)
		if configOf != nil {
			out["configId"] = configOf(it)
		}
		list = append(list, out)
	}
	res.Set("entitlements", list)
	res.Set("transferred", transferred(items))
}
