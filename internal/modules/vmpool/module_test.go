package vmpool_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/entitlementsvmcreate"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/modules/vmpool"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const (
	vmConfig   = 5000
	pending    = "FGVMELTM24000001" // seeded PENDING NOTUSED, description ""
	branchA    = "FGVMELTM24000002" // seeded ACTIVE USED, description branch-a
	unlabelled = "FGVMELTM24000003" // seeded STOPPED USED, description "": claimable
	create     = "fortiflex/v2/entitlements/vm/create"
	list       = "fortiflex/v2/entitlements/list"
	stop       = "fortiflex/v2/entitlements/stop"
	reactivate = "fortiflex/v2/entitlements/reactivate"
	update     = "fortiflex/v2/entitlements/update"
	token      = "fortiflex/v2/entitlements/vm/token"
)

func args(label string, count int, kv ...any) map[string]any {
	a := map[string]any{"config_id": vmConfig, "label": label, "count": count}
	for i := 0; i < len(kv); i += 2 {
		a[kv[i].(string)] = kv[i+1]
	}
	return a
}

func strs(v any) []string {
	out := []string{}
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func field(r moduletest.Result, key string) []string {
	out := []string{}
	l, _ := r.Out["entitlements"].([]any)
	for _, x := range l {
		out = append(out, fmt.Sprint(x.(map[string]any)[key]))
	}
	return out
}

// lists checks the five lists of what was done (nil: empty).
func lists(t *testing.T, r moduletest.Result, created, reactivated, claimed, stopped, regenerated []string) {
	t.Helper()
	for key, want := range map[string][]string{"created": created, "reactivated": reactivated, "claimed": claimed, "stopped": stopped, "regenerated": regenerated} {
		if want == nil {
			want = []string{}
		}
		assert.Equal(t, want, strs(r.Out[key]), key)
	}
}

// pool is the simulator's entitlements of the configuration labelled label,
// by status.
func pool(e *moduletest.Env, label string) map[string][]string {
	out := map[string][]string{}
	raw, _ := e.State()["entitlements"].([]any)
	for _, x := range raw {
		m := x.(map[string]any)
		if m["description"] == label && fmt.Sprint(m["configId"]) == fmt.Sprint(vmConfig) {
			st := fmt.Sprint(m["status"])
			out[st] = append(out[st], fmt.Sprint(m["serialNumber"]))
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

func ok(t *testing.T, r moduletest.Result) {
	t.Helper()
	require.False(t, r.Failed(), r.Msg())
}

// idempotent runs a again: no change, and one read.
func idempotent(t *testing.T, e *moduletest.Env, a map[string]any) moduletest.Result {
	t.Helper()
	r := e.Run(vmpool.Module, a)
	ok(t, r)
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, map[string]int{list: 1}, withoutLogin(e.Calls()))
	lists(t, r, nil, nil, nil, nil, nil)
	return r
}

func withoutLogin(calls map[string]int) map[string]int {
	delete(calls, "oauth/token")
	return calls
}

func TestLifecycle(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")

	// A new pool of 3: one create, with the label.
	r := e.Run(vmpool.Module, args("web", 3))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{create: 1}, e.Writes())
	first := strs(r.Out["created"])
	require.Len(t, first, 3)
	lists(t, r, first, nil, nil, nil, nil)
	assert.Equal(t, first, field(r, "serialNumber"))
	assert.Equal(t, []string{"PENDING", "PENDING", "PENDING"}, field(r, "status"))
	assert.Equal(t, []string{"web", "web", "web"}, field(r, "description"))
	assert.Equal(t, before+3, e.Count("entitlements"))
	assert.Equal(t, map[string][]string{"PENDING": first}, pool(e, "web"))
	idempotent(t, e, args("web", 3))
	e.Sim.AdvanceClock(time.Hour)

	// Grow to 5, claiming: the unlabelled STOPPED one is labelled, then
	// reactivated; only one is created. The PENDING unlabelled one and
	// another pool's one are left alone.
	r = e.Run(vmpool.Module, args("web", 5, "claim_unlabelled", true))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{update: 1, reactivate: 1, create: 1}, e.Writes())
	second := strs(r.Out["created"])
	require.Len(t, second, 1)
	lists(t, r, second, nil, []string{unlabelled}, nil, nil)
	assert.Len(t, r.Out["entitlements"], 5)
	got := e.Entitlement(unlabelled)
	assert.Equal(t, "web", got["description"])
	assert.Equal(t, "ACTIVE", got["status"])
	assert.Equal(t, "", e.Entitlement(pending)["description"])
	assert.Equal(t, "PENDING", e.Entitlement(pending)["status"])
	assert.Equal(t, "branch-a", e.Entitlement(branchA)["description"])
	idempotent(t, e, args("web", 5, "claim_unlabelled", true))

	// One VM uses its token; shrink to 2: the three PENDING ones go,
	// the newest first, and the two in use stay.
	require.NoError(t, e.Sim.Redeem(first[0]))
	r = e.Run(vmpool.Module, args("web", 2))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{stop: 3}, e.Writes())
	lists(t, r, nil, nil, nil, []string{second[0], first[2], first[1]}, nil)
	inUse := sorted(first[0], unlabelled)
	assert.Equal(t, inUse, field(r, "serialNumber"))
	assert.Equal(t, map[string][]string{"ACTIVE": inUse, "STOPPED": sorted(first[1], first[2], second[0])}, pool(e, "web"))
	idempotent(t, e, args("web", 2))

	// Shrink to 1 with regenerate_tokens: both are ACTIVE and USED, the
	// newest goes, with a new token.
	old := e.Entitlement(first[0])["token"]
	r = e.Run(vmpool.Module, args("web", 1, "regenerate_tokens", true))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{token: 1, stop: 1}, e.Writes())
	lists(t, r, nil, nil, nil, []string{first[0]}, []string{first[0]})
	st := e.Entitlement(first[0])
	assert.Equal(t, "STOPPED", st["status"])
	assert.Equal(t, "NOTUSED", st["tokenStatus"])
	assert.NotEqual(t, old, st["token"])
	assert.Equal(t, []string{unlabelled}, field(r, "serialNumber"))

	// Grow to 4: the pool's spares are reactivated, unused tokens first,
	// newest first; nothing is created while spares are left.
	r = e.Run(vmpool.Module, args("web", 4))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{reactivate: 3}, e.Writes())
	lists(t, r, nil, []string{second[0], first[2], first[1]}, nil, nil, nil)

	// Grow to 6: the last spare, then one new.
	r = e.Run(vmpool.Module, args("web", 6))
	ok(t, r)
	assert.Equal(t, map[string]int{reactivate: 1, create: 1}, e.Writes())
	require.Len(t, strs(r.Out["created"]), 1)
	lists(t, r, strs(r.Out["created"]), []string{first[0]}, nil, nil, nil)
	assert.Len(t, r.Out["entitlements"], 6)
	idempotent(t, e, args("web", 6))

	// Count 0 stops them all; the other pools are untouched.
	r = e.Run(vmpool.Module, args("web", 0))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{stop: 6}, e.Writes())
	assert.Len(t, strs(r.Out["stopped"]), 6)
	assert.Empty(t, r.Out["entitlements"])
	assert.Len(t, pool(e, "web")["STOPPED"], 6)
	assert.Equal(t, "ACTIVE", e.Entitlement(branchA)["status"])
	idempotent(t, e, args("web", 0))
	assert.Equal(t, before+5, e.Count("entitlements"), "five created in all")
}

func TestExistingPoolIsCounted(t *testing.T) {
	e := moduletest.New(t)
	// The seeded branch-a entitlement is a pool of 1 already.
	idempotent(t, e, args("branch-a", 1))
	r := e.Run(vmpool.Module, args("branch-a", 2))
	ok(t, r)
	assert.Equal(t, 1, e.Requests(create))
	require.Len(t, strs(r.Out["created"]), 1)
	assert.Equal(t, []string{branchA, strs(r.Out["created"])[0]}, field(r, "serialNumber"))

	// Labels are compared exactly.
	r = e.Run(vmpool.Module, args("Branch-A", 0))
	ok(t, r)
	assert.False(t, r.Changed())
}

func TestMoreMembersThanCount(t *testing.T) {
	e := moduletest.New(t)
	// Two tasks created a pool of 2 each at the same time.
	for range 2 {
		r := e.Run(entitlementsvmcreate.Module, map[string]any{"configId": vmConfig, "count": 2, "description": "lab"})
		ok(t, r)
		e.Sim.AdvanceClock(time.Minute)
	}
	lab := pool(e, "lab")["PENDING"]
	require.Len(t, lab, 4)
	r := e.Run(vmpool.Module, args("lab", 2), moduletest.Mode{Diff: true})
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, map[string]int{stop: 2}, e.Writes())
	lists(t, r, nil, nil, nil, []string{lab[3], lab[2]}, nil)
	assert.Equal(t, lab[:2], field(r, "serialNumber"))
	assert.Equal(t, map[string]any{
		"before": map[string]any{"count": 4.0, "serials": toAny(lab)},
		"after":  map[string]any{"count": 2.0, "serials": toAny(lab[:2])},
	}, r.Out["diff"])
	assert.Contains(t, r.Out, "points_per_day", "diff mode shows the points effect")
	idempotent(t, e, args("lab", 2))
}

func sorted(s ...string) []string {
	sort.Strings(s)
	return s
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

func TestCheckModeAndDiff(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")
	check := moduletest.Mode{Check: true, Diff: true}

	r := e.Run(vmpool.Module, args("web", 3, "claim_unlabelled", true), check)
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, before, e.Count("entitlements"))
	lists(t, r, []string{"<nil>", "<nil>"}, nil, []string{unlabelled}, nil, nil)
	assert.Equal(t, []string{unlabelled, "<nil>", "<nil>"}, field(r, "serialNumber"))
	assert.Equal(t, []string{"ACTIVE", "PENDING", "PENDING"}, field(r, "status"))
	assert.Equal(t, []string{"web", "web", "web"}, field(r, "description"))
	assert.Equal(t, []string{"853130", "853130", "853130"}, field(r, "accountId"))
	assert.Equal(t, field(r, "endDate")[0], field(r, "endDate")[1], "a new one ends with the program")
	assert.Equal(t, map[string]any{
		"before": map[string]any{"count": 0.0, "serials": []any{}},
		"after":  map[string]any{"count": 3.0, "serials": []any{unlabelled, "<new>", "<new>"}},
	}, r.Out["diff"])
	ppd, isMap := r.Out["points_per_day"].(map[string]any)
	require.True(t, isMap, "points_per_day in check mode: %s", r.Raw)
	assert.Equal(t, 0.0, ppd["before"])
	assert.Greater(t, ppd["after"], 0.0)
	assert.Equal(t, "STOPPED", e.Entitlement(unlabelled)["status"])

	// skip_pending and end_date shape the predicted new ones.
	day := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	r = e.Run(vmpool.Module, args("web", 1, "skip_pending", true, "end_date", day), moduletest.Mode{Check: true})
	ok(t, r)
	assert.Equal(t, []string{"ACTIVE"}, field(r, "status"))
	assert.Equal(t, []string{day + "T00:00:00"}, field(r, "endDate"))
	assert.NotContains(t, r.Out, "diff")
	assert.Contains(t, r.Out, "points_per_day")

	// A real run, with diff: serials and counts, never a token.
	r = e.Run(vmpool.Module, args("web", 2), moduletest.Mode{Diff: true})
	ok(t, r)
	created := strs(r.Out["created"])
	require.Len(t, created, 2)
	assert.Equal(t, map[string]any{
		"before": map[string]any{"count": 0.0, "serials": []any{}},
		"after":  map[string]any{"count": 2.0, "serials": toAny(created)},
	}, r.Out["diff"])
	diff, err := json.Marshal(r.Out["diff"])
	require.NoError(t, err)
	for _, tok := range field(r, "token") {
		require.Len(t, tok, 20)
		assert.NotContains(t, string(diff), tok, "no token in the diff")
	}
	two, isMap := r.Out["points_per_day"].(map[string]any)
	require.True(t, isMap, "points_per_day in diff mode: %s", r.Raw)
	assert.Equal(t, 0.0, two["before"])
	assert.Greater(t, two["after"], 0.0)

	// Shrinking in check mode predicts the stops and the regenerations.
	r = e.Run(vmpool.Module, args("web", 0, "regenerate_tokens", true), check)
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	lists(t, r, nil, nil, nil, []string{created[1], created[0]}, []string{created[1], created[0]})
	assert.Empty(t, r.Out["entitlements"])
	assert.Equal(t, map[string]any{"before": two["after"], "after": 0.0}, r.Out["points_per_day"])
	assert.Equal(t, map[string]any{
		"before": map[string]any{"count": 2.0, "serials": toAny(created)},
		"after":  map[string]any{"count": 0.0, "serials": []any{}},
	}, r.Out["diff"])

	// No change: changed false, one read, no points.
	r = e.Run(vmpool.Module, args("web", 2), check)
	ok(t, r)
	assert.False(t, r.Changed())
	assert.Equal(t, map[string]int{list: 1}, withoutLogin(e.Calls()))
	assert.NotContains(t, r.Out, "points_per_day")
	assert.Equal(t, map[string][]string{"PENDING": created}, pool(e, "web"))
}

func TestLostCreate(t *testing.T) {
	e := moduletest.New(t)

	// Created, answer lost: found by the label, never sent twice.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultAfter, Status: 502}))
	r := e.Run(vmpool.Module, args("web", 3))
	ok(t, r)
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(create))
	assert.Equal(t, map[string]int{create: 1}, e.Writes())
	created := strs(r.Out["created"])
	require.Len(t, created, 3)
	assert.Equal(t, created, field(r, "serialNumber"))
	assert.Equal(t, map[string][]string{"PENDING": created}, pool(e, "web"))
	idempotent(t, e, args("web", 3))

	// Not created, answer lost: said so, not sent again; the next run creates.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultBefore, Status: 502}))
	r = e.Run(vmpool.Module, args("web", 4))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, 1, e.Requests(create))
	assert.Equal(t, `FortiFlex entitlements/vm/create did not answer (HTTP 502: Simulated fault), and no new entitlement labelled "web" appeared in configuration 5000, so none was created. It was not sent again; running the task again is safe`, r.Msg())
	r = e.Run(vmpool.Module, args("web", 4))
	ok(t, r)
	assert.Len(t, strs(r.Out["created"]), 1)
	assert.Len(t, pool(e, "web")["PENDING"], 4)

	// A lost answer after a reactivation: read back, not repeated.
	r = e.Run(vmpool.Module, args("web", 3))
	ok(t, r)
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: reactivate, When: sim.FaultAfter, Kind: sim.FaultReset}))
	r = e.Run(vmpool.Module, args("web", 4))
	ok(t, r)
	assert.Equal(t, 1, e.Requests(reactivate))
	assert.Len(t, strs(r.Out["reactivated"]), 1)
	assert.Zero(t, e.Requests(create))
}

func TestInvalidInput(t *testing.T) {
	e := moduletest.New(t)
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{args("web", -1), "count must be 0 or more, got -1"},
		{args("", 2), "label must not be empty: the pool is the entitlements whose description is the label"},
		{args("  ", 2), "label must not be empty: the pool is the entitlements whose description is the label"},
		{args(" web", 2), `label " web" begins or ends with white space; write it without (FortiFlex may trim descriptions, and the pool would no longer be found)`},
		{args(strings.Repeat("é", 101), 2), "label is 101 characters long; at most 100 are allowed"},
		{args("web", 2, "config_id", 0), "config_id must be a configuration id (a positive number), got 0"},
		{args("web", 2, "end_date", "soon"), `end_date: "soon" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`},
		{map[string]any{"config_id": vmConfig, "label": "web"}, "missing required arguments: count"},
	} {
		r := e.Run(vmpool.Module, tc.args)
		assert.True(t, r.Failed(), tc.msg)
		assert.False(t, r.Changed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls(), tc.msg)
	}
	r := e.Run(vmpool.Module, args(strings.Repeat("é", 100), 0))
	ok(t, r)
}

func TestWrongConfiguration(t *testing.T) {
	e := moduletest.New(t)

	// DISABLED: refused before anything is written, in check mode too.
	for _, mode := range []moduletest.Mode{{Check: true}, {}} {
		r := e.Run(vmpool.Module, args("web", 2, "config_id", 5004), mode)
		assert.True(t, r.Failed())
		assert.False(t, r.Changed())
		assert.Equal(t, "configuration 5004 is DISABLED: FortiFlex creates no entitlements from it. Enable it first (fortiflexvm_configs_update with status: ACTIVE)", r.Msg())
		assert.Empty(t, e.Writes())
	}

	// A hardware configuration.
	for _, mode := range []moduletest.Mode{{Check: true}, {}} {
		r := e.Run(vmpool.Module, args("web", 2, "config_id", 5002), mode)
		assert.True(t, r.Failed())
		assert.False(t, r.Changed())
		assert.Equal(t, "configuration 5002 holds FGT60FTK24000001, a hardware or cloud entitlement (it has no license token): this module manages VM entitlements; check config_id", r.Msg())
		assert.Empty(t, e.Writes())
	}

	// Unknown.
	r := e.Run(vmpool.Module, args("web", 2, "config_id", 9999))
	assert.True(t, r.Failed())
	assert.Equal(t, "FortiFlex entitlements/list failed (HTTP 400): Configuration not found.", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestDocs(t *testing.T) {
	m := vmpool.Module
	assert.Contains(t, m.Return, "sorted by serial number")
	assert.NotContains(t, m.Return, "    - The entitlements.\n")
	for _, key := range []string{"created:", "reactivated:", "claimed:", "stopped:", "regenerated:", "points_per_day:"} {
		assert.Contains(t, m.Return, "\n"+key+"\n")
	}
	for _, text := range []string{m.Return, m.Examples} {
		for i, line := range strings.Split(text, "\n") {
			assert.Less(t, len(line), 150, "line %d: %s", i+1, line)
		}
	}
	assert.Contains(t, strings.Join(m.Description, " "), "takes the license away from the VM")
	assert.Contains(t, m.Return, "diffs never show them.")
	assert.NotContains(t, m.Return, "(C(no_log) on tasks that print it).")
}
