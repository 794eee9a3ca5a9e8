package vmpool

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// newPlaceholder stands in the diff, in check mode, for the serial number
// of an entitlement that would be created.
const newPlaceholder = "<new>"

// options are the validated options.
type options struct {
	cfgID       int
	label       string
	count       int
	claim       bool
	regen       bool
	skipPending bool
	end         string // a checked date, "" when not given
	folder      string
}

func parse(p ansiblemod.Params) (options, error) {
	var o options
	if err := common.CheckIDs(p, "config_id"); err != nil {
		return o, err
	}
	o.cfgID = p.Int("config_id")
	o.label = p.String("label")
	switch n := utf8.RuneCountInString(o.label); {
	case strings.TrimSpace(o.label) == "":
		return o, ansiblemod.Fail("label must not be empty: the pool is the entitlements whose description is the label")
	case strings.TrimSpace(o.label) != o.label:
		return o, ansiblemod.Fail("label %q begins or ends with white space; write it without (FortiFlex may trim descriptions, and the pool would no longer be found)", o.label)
	case n > maxLabel:
		return o, ansiblemod.Fail("label is %d characters long; at most %d are allowed", n, maxLabel)
	}
	o.count = p.Int("count")
	if o.count < 0 {
		return o, ansiblemod.Fail("count must be 0 or more, got %d", o.count)
	}
	end, err := common.DateOption(p, "end_date")
	if err != nil {
		return o, err
	}
	o.end = end
	o.folder = strings.TrimSpace(p.String("folder_path"))
	o.claim = p.Bool("claim_unlabelled")
	o.regen = p.Bool("regenerate_tokens")
	o.skipPending = p.Bool("skip_pending")
	return o, nil
}

// plan is what a run does, decided from one listing of the configuration.
type plan struct {
	members    []fortiflex.Entitlement // PENDING/ACTIVE ones with the label, at start
	reactivate []fortiflex.Entitlement // the label's STOPPED ones to reactivate
	claim      []fortiflex.Entitlement // unlabelled STOPPED ones to claim
	create     int                     // how many to create
	stop       []fortiflex.Entitlement // members to stop, in this order
}

func (pl plan) changed() bool {
	return len(pl.reactivate) > 0 || len(pl.claim) > 0 || pl.create > 0 || len(pl.stop) > 0
}

// inUse reports whether an entitlement counts as a member: PENDING, ACTIVE,
// or ACTIVE past its program's end or balance (GRACE_PERIOD, still charged).
func inUse(status string) bool {
	return status == "PENDING" || status == "ACTIVE" || status == "GRACE_PERIOD"
}

func makePlan(o options, list []fortiflex.Entitlement) (plan, error) {
	var pl plan
	var spares, claimable []fortiflex.Entitlement
	for _, e := range list {
		if e.Token == "" && e.TokenStatus == "" {
			return pl, ansiblemod.Fail("configuration %d holds %s, a hardware or cloud entitlement (it has no license token): this module manages VM entitlements; check config_id", o.cfgID, e.SerialNumber)
		}
		switch {
		case e.Description == o.label && inUse(e.Status):
			pl.members = append(pl.members, e)
		case e.Description == o.label && e.Status == "STOPPED":
			spares = append(spares, e)
		case e.Description == "" && e.Status == "STOPPED" && o.claim:
			claimable = append(claimable, e)
		}
	}
	sortBySerial(pl.members)
	if n := len(pl.members); n > o.count {
		pl.stop = append([]fortiflex.Entitlement(nil), pl.members...)
		sort.SliceStable(pl.stop, func(i, j int) bool { return stopsBefore(pl.stop[i], pl.stop[j]) })
		pl.stop = pl.stop[:n-o.count]
		return pl, nil
	}
	missing := o.count - len(pl.members)
	take := func(from []fortiflex.Entitlement) []fortiflex.Entitlement {
		sort.SliceStable(from, func(i, j int) bool { return reusedBefore(from[i], from[j]) })
		k := min(missing, len(from))
		missing -= k
		return from[:k]
	}
	pl.reactivate = take(spares)
	pl.claim = take(claimable)
	pl.create = missing
	return pl, nil
}

// stopsBefore orders the members to stop: PENDING ones (never used), then
// those whose token is unused, then those in use by a VM; the newest first
// within each group.
func stopsBefore(a, b fortiflex.Entitlement) bool {
	if ra, rb := stopRank(a), stopRank(b); ra != rb {
		return ra < rb
	}
	return newer(a, b)
}

func stopRank(e fortiflex.Entitlement) int {
	switch {
	case e.Status == "PENDING":
		return 0
	case strings.EqualFold(e.TokenStatus, "NOTUSED"):
		return 1
	}
	return 2
}

// reusedBefore orders the STOPPED ones to reactivate: those with an unused
// token first (it can go to a new VM as it is), the newest first.
func reusedBefore(a, b fortiflex.Entitlement) bool {
	ua, ub := strings.EqualFold(a.TokenStatus, "NOTUSED"), strings.EqualFold(b.TokenStatus, "NOTUSED")
	if ua != ub {
		return ua
	}
	return newer(a, b)
}

// newer reports whether a started after b; the higher serial number when
// they started together.
func newer(a, b fortiflex.Entitlement) bool {
	ta, err1 := fortiflex.ParseTime(a.StartDate)
	tb, err2 := fortiflex.ParseTime(b.StartDate)
	switch {
	case err1 == nil && err2 == nil && !ta.Equal(tb):
		return ta.After(tb)
	case (err1 != nil || err2 != nil) && a.StartDate != b.StartDate:
		return a.StartDate > b.StartDate
	}
	return a.SerialNumber > b.SerialNumber
}

func sortBySerial(list []fortiflex.Entitlement) {
	sort.SliceStable(list, func(i, j int) bool { return list[i].SerialNumber < list[j].SerialNumber })
}

// report collects what was done, for the result (also on failure).
type report struct {
	created                                    []any // serial numbers; nil entries in check mode
	reactivated, claimed, stopped, regenerated []string
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
	list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &o.cfgID})
	if err != nil {
		return err
	}
	pl, err := makePlan(o, list)
	if err != nil {
		return err
	}
	var cfg *fortiflex.Configuration
	if pl.create > 0 {
		// What FortiFlex would refuse fails before anything is written.
		if cfg, err = common.CheckCreatable(ctx, c, o.cfgID, catalog.VM); err != nil {
			return err
		}
	}
	if (req.CheckMode || req.Diff) && o.count != len(pl.members) {
		pointsPerDay(ctx, res, c, cfg, o.cfgID, len(pl.members), o.count)
	}
	if req.CheckMode {
		return predict(ctx, res, c, o, pl, cfg)
	}

	final := map[string]fortiflex.Entitlement{}
	for _, e := range pl.members {
		final[e.SerialNumber] = e
	}
	var rep report
	done := false // whether anything was written, for a failure half-way
	finish := func(err error) error {
		res.Changed = done
		setResult(res, pl, rep, members(final))
		return err
	}

	for _, e := range pl.stop {
		cur := e
		if o.regen {
			got, maybe, err := common.RegenerateToken(ctx, c, cur, fmt.Sprintf(", and %s was not stopped. "+
				"Read its current token with fortiflexvm_entitlements_list_info (configId: %d, serialNumber: %s); running the task again regenerates it once more and stops it",
				cur.SerialNumber, cur.ConfigID, cur.SerialNumber))
			if err != nil {
				done = done || maybe
				return finish(err)
			}
			cur, done = *got, true
			rep.regenerated = append(rep.regenerated, cur.SerialNumber)
		}
		if err := change(ctx, c, cur, common.EntitlementWant{Status: "STOPPED"}); err != nil {
			return finish(err)
		}
		done = true
		delete(final, cur.SerialNumber)
		rep.stopped = append(rep.stopped, cur.SerialNumber)
	}

	for _, e := range pl.reactivate {
		got, err := apply(ctx, c, e, common.EntitlementWant{Status: "ACTIVE"})
		if err != nil {
			return finish(err)
		}
		done = true
		final[got.SerialNumber] = *got
		rep.reactivated = append(rep.reactivated, got.SerialNumber)
	}

	for _, e := range pl.claim {
		// Labelled first: should the reactivation fail, the entitlement is
		// a spare of the pool (the next run reactivates it), never an
		// ACTIVE entitlement that belongs to nobody.
		label := o.label
		labelled, err := apply(ctx, c, e, common.EntitlementWant{Description: &label})
		if err != nil {
			return finish(err)
		}
		done = true
		got, err := apply(ctx, c, *labelled, common.EntitlementWant{Status: "ACTIVE"})
		if err != nil {
			return finish(err)
		}
		final[got.SerialNumber] = *got
		rep.claimed = append(rep.claimed, got.SerialNumber)
	}

	if pl.create > 0 {
		created, err := c.EntitlementsVMCreate(ctx, fortiflex.VMCreate{
			ConfigID: o.cfgID, Count: pl.create, Description: o.label,
			EndDate: o.end, FolderPath: o.folder, SkipPending: o.skipPending,
		})
		if errors.Is(err, fortiflex.ErrOutcomeUnknown) {
			created, err = recoverCreate(ctx, c, o, list, pl.create, err)
		}
		for _, e := range created {
			final[e.SerialNumber] = e
			rep.created = append(rep.created, e.SerialNumber)
			done = true
		}
		if err != nil {
			return finish(common.APIError(ctx, err))
		}
	}

	res.Changed = pl.changed()
	setResult(res, pl, rep, members(final))
	return nil
}

// apply plans and carries out one change of an entitlement.
func apply(ctx context.Context, c *fortiflex.Client, e fortiflex.Entitlement, w common.EntitlementWant) (*fortiflex.Entitlement, error) {
	ch, err := common.PlanEntitlementChange(e, w)
	if err != nil {
		return nil, err
	}
	if !ch.Changed() {
		return &e, nil
	}
	return ch.Apply(ctx, c)
}

func change(ctx context.Context, c *fortiflex.Client, e fortiflex.Entitlement, w common.EntitlementWant) error {
	_, err := apply(ctx, c, e, w)
	return err
}

// members are the entitlements of final, sorted by serial number.
func members(final map[string]fortiflex.Entitlement) []fortiflex.Entitlement {
	out := make([]fortiflex.Entitlement, 0, len(final))
	for _, e := range final {
		out = append(out, e)
	}
	sortBySerial(out)
	return out
}

// predict is check mode: nothing is written; the result is what the real
// run would return.
func predict(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, o options, pl plan, cfg *fortiflex.Configuration) error {
	final := map[string]fortiflex.Entitlement{}
	for _, e := range pl.members {
		final[e.SerialNumber] = e
	}
	var rep report
	for _, e := range pl.stop {
		if o.regen {
			rep.regenerated = append(rep.regenerated, e.SerialNumber)
		}
		rep.stopped = append(rep.stopped, e.SerialNumber)
		delete(final, e.SerialNumber)
	}
	for _, e := range pl.reactivate {
		e.Status = "ACTIVE"
		final[e.SerialNumber] = e
		rep.reactivated = append(rep.reactivated, e.SerialNumber)
	}
	for _, e := range pl.claim {
		e.Status, e.Description = "ACTIVE", o.label
		final[e.SerialNumber] = e
		rep.claimed = append(rep.claimed, e.SerialNumber)
	}
	after := members(final)
	out := common.EntitlementsOutput(after)
	if pl.create > 0 {
		fresh := fortiflex.Entitlement{AccountID: cfg.AccountID, ConfigID: cfg.ID, Description: o.label, Status: "PENDING", TokenStatus: "NOTUSED"}
		if o.skipPending {
			fresh.Status = "ACTIVE"
		}
		if o.end != "" {
			fresh.EndDate = common.ParseDate(o.end).Format("2006-01-02T15:04:05")
		} else {
			end, err := programEnd(ctx, c, cfg.ProgramSerialNumber)
			if err != nil {
				return err
			}
			fresh.EndDate = end
		}
		for range pl.create {
			e := common.EntitlementOutput(fresh)
			e["serialNumber"] = nil
			out = append(out, e)
			rep.created = append(rep.created, nil)
		}
	}
	res.Changed = pl.changed()
	setOutput(res, pl, rep, after, out)
	return nil
}

// programEnd is the end date of a program: new entitlements end then when
// end_date is not given.
func programEnd(ctx context.Context, c *fortiflex.Client, program string) (string, error) {
	p, err := common.FindProgram(ctx, c, program)
	if err != nil || p == nil {
		return "", err
	}
	return p.EndDate, nil
}

// setResult sets the return keys and the diff of a real run.
func setResult(res *ansiblemod.Result, pl plan, rep report, after []fortiflex.Entitlement) {
	setOutput(res, pl, rep, after, common.EntitlementsOutput(after))
}

// setOutput sets the return keys and the diff: the pool's size and its
// members' serial numbers, never a token. Entitlements that would be
// created (check mode) are the nil entries of rep.created.
func setOutput(res *ansiblemod.Result, pl plan, rep report, after []fortiflex.Entitlement, out []map[string]any) {
	res.Set("entitlements", out)
	res.Set("created", common.List(rep.created))
	res.Set("reactivated", common.List(rep.reactivated))
	res.Set("claimed", common.List(rep.claimed))
	res.Set("stopped", common.List(rep.stopped))
	res.Set("regenerated", common.List(rep.regenerated))
	afterSerials := serials(after)
	for _, s := range rep.created {
		if s == nil {
			afterSerials = append(afterSerials, newPlaceholder)
		}
	}
	res.SetDiff(map[string]any{"count": len(pl.members), "serials": serials(pl.members)},
		map[string]any{"count": len(afterSerials), "serials": afterSerials})
}

func serials(list []fortiflex.Entitlement) []string {
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, e.SerialNumber)
	}
	return out
}

// pointsPerDay sets points_per_day from tools/calc: the daily points of
// before and after members of the configuration (every one counted as
// ACTIVE). It never fails the task: when FortiFlex cannot estimate, it warns.
func pointsPerDay(ctx context.Context, res *ansiblemod.Result, c *fortiflex.Client, cfg *fortiflex.Configuration, cfgID, before, after int) {
	if cfg == nil {
		found, err := common.FindConfig(ctx, c, cfgID)
		if err != nil {
			res.Warn("points_per_day left out: %v", common.APIError(ctx, err))
			return
		}
		if found == nil {
			res.Warn("points_per_day left out: configuration %d not found in any FortiFlex program this API user can see", cfgID)
			return
		}
		cfg = found
	}
	common.SetPointsPerDay(ctx, res, c, &common.Points{Config: cfg, Count: before}, &common.Points{Config: cfg, Count: after})
}
