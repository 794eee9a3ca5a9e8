package hardwareentitlements_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/hardwareentitlements"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const (
	existing = "FGT60FTK24000001" // seeded ACTIVE in configuration 5002, description store-17
	new1     = "FGT60FTK24000101"
	new2     = "FGT60FTK24000102"
	hwConfig = 5002
	create   = "fortiflex/v2/entitlements/hardware/create"
	remove   = "fortiflex/v2/entitlements/hardware/remove"
	list     = "fortiflex/v2/entitlements/list"
)

func args(state string, serials ...string) map[string]any {
	l := make([]any, len(serials))
	for i, s := range serials {
		l[i] = s
	}
	return map[string]any{"config_id": hwConfig, "serial_numbers": l, "state": state}
}

func with(a map[string]any, kv ...any) map[string]any {
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
	var out []string
	l, _ := r.Out["entitlements"].([]any)
	for _, x := range l {
		out = append(out, fmt.Sprint(x.(map[string]any)[key]))
	}
	return out
}

func lists(t *testing.T, r moduletest.Result, created, stopped, reactivated, removed, updated []string) {
	t.Helper()
	for key, want := range map[string][]string{"created": created, "stopped": stopped, "reactivated": reactivated, "removed": removed, "updated": updated} {
		if want == nil {
			want = []string{}
		}
		assert.Equal(t, want, strs(r.Out[key]), key)
	}
}

// idempotent runs a again and checks that it changes nothing and sends one read.
func idempotent(t *testing.T, e *moduletest.Env, a map[string]any) moduletest.Result {
	t.Helper()
	r := e.Run(hardwareentitlements.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, 1, e.Requests(list))
	lists(t, r, nil, nil, nil, nil, nil)
	return r
}

func TestLifecycle(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")

	// Two new and one registered: only the two are sent, in one request.
	a := args("present", new1, existing, new2)
	r := e.Run(hardwareentitlements.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, []string{new1, new2}, nil, nil, nil, nil)
	assert.Equal(t, []string{new1, existing, new2}, field(r, "serialNumber"))
	assert.Equal(t, []string{"ACTIVE", "ACTIVE", "ACTIVE"}, field(r, "status"))
	assert.Equal(t, []string{"<nil>", "<nil>", "<nil>"}, field(r, "token"))
	assert.Equal(t, map[string]int{create: 1}, e.Writes())
	assert.Equal(t, before+2, e.Count("entitlements"))
	assert.Equal(t, "ACTIVE", e.Entitlement(new1)["status"])
	idempotent(t, e, a)

	// Stopped: every one is stopped.
	r = e.Run(hardwareentitlements.Module, args("stopped", new1, existing, new2))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, nil, []string{new1, existing, new2}, nil, nil, nil)
	assert.Equal(t, []string{"STOPPED", "STOPPED", "STOPPED"}, field(r, "status"))
	assert.Equal(t, map[string]int{"fortiflex/v2/entitlements/stop": 3}, e.Writes())
	assert.Equal(t, "STOPPED", e.Entitlement(existing)["status"])
	idempotent(t, e, args("stopped", new1, existing, new2))

	// Present again: reactivated.
	r = e.Run(hardwareentitlements.Module, args("present", new1, existing))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, nil, nil, []string{new1, existing}, nil, nil)
	assert.Equal(t, map[string]int{"fortiflex/v2/entitlements/reactivate": 2}, e.Writes())
	assert.Equal(t, "ACTIVE", e.Entitlement(existing)["status"])
	assert.Equal(t, "STOPPED", e.Entitlement(new2)["status"])

	// Absent: removed in one request, left out of entitlements; a serial
	// that is not registered is no change.
	r = e.Run(hardwareentitlements.Module, args("absent", new1, new2, "FGT60FTK24000199"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, nil, nil, nil, []string{new1, new2}, nil)
	assert.Empty(t, r.Out["entitlements"])
	assert.Equal(t, map[string]int{remove: 1}, e.Writes())
	assert.Equal(t, before, e.Count("entitlements"))
	assert.Nil(t, e.Entitlement(new1))
	idempotent(t, e, args("absent", new1, new2, "FGT60FTK24000199"))
}

func TestStoppedRegistersThenStops(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(hardwareentitlements.Module, with(args("stopped", new1), "description", "spare"))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, []string{new1}, []string{new1}, nil, nil, nil)
	assert.Equal(t, []string{"STOPPED"}, field(r, "status"))
	assert.Equal(t, []string{"spare"}, field(r, "description"))
	assert.Equal(t, "spare", e.Entitlement(new1)["description"])
	idempotent(t, e, with(args("stopped", new1), "description", "spare"))
}

func TestDescriptionAndEndDate(t *testing.T) {
	e := moduletest.New(t)
	day := time.Now().AddDate(0, 0, 30).Format("2006-01-02")
	a := with(args("present", existing, new1), "description", "store-18", "end_date", day)
	r := e.Run(hardwareentitlements.Module, a)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, []string{new1}, nil, nil, nil, []string{existing})
	assert.Equal(t, []string{"store-18", "store-18"}, field(r, "description"))
	assert.Equal(t, []string{day + "T00:00:00", day + "T00:00:00"}, field(r, "endDate"))
	// one update for the existing one, one for the new one's description
	assert.Equal(t, map[string]int{create: 1, "fortiflex/v2/entitlements/update": 2}, e.Writes())

	// The same end date written with a time is no change.
	idempotent(t, e, with(args("present", existing, new1), "description", "store-18", "end_date", day+"T00:00:00"))

	// "" clears the description.
	r = e.Run(hardwareentitlements.Module, with(args("present", existing), "description", ""))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	lists(t, r, nil, nil, nil, nil, []string{existing})
	assert.Equal(t, "", e.Entitlement(existing)["description"])

	// A STOPPED one cannot change its end date while it stays stopped.
	r = e.Run(hardwareentitlements.Module, args("stopped", existing))
	require.False(t, r.Failed(), r.Msg())
	other := time.Now().AddDate(0, 0, 40).Format("2006-01-02")
	r = e.Run(hardwareentitlements.Module, with(args("stopped", existing), "end_date", other))
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGT60FTK24000001 is STOPPED: FortiFlex changes the end date of PENDING and ACTIVE entitlements only, so with state: stopped its end date cannot change. Leave end_date out, or run with state: present first", r.Msg())
	assert.Empty(t, e.Writes())

	// With present it is reactivated, then its end date changes.
	r = e.Run(hardwareentitlements.Module, with(args("present", existing), "end_date", other))
	require.False(t, r.Failed(), r.Msg())
	lists(t, r, nil, nil, []string{existing}, nil, []string{existing})
	assert.Equal(t, []string{other + "T00:00:00"}, field(r, "endDate"))
}

func TestCheckModeAndDiff(t *testing.T) {
	e := moduletest.New(t)
	before := e.Count("entitlements")
	check := moduletest.Mode{Check: true, Diff: true}

	r := e.Run(hardwareentitlements.Module, with(args("stopped", new1, existing), "description", "x"), check)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	assert.Equal(t, before, e.Count("entitlements"))
	lists(t, r, []string{new1}, []string{new1, existing}, nil, nil, []string{existing})
	assert.Equal(t, []string{new1, existing}, field(r, "serialNumber"))
	assert.Equal(t, []string{"STOPPED", "STOPPED"}, field(r, "status"))
	assert.Equal(t, []string{"x", "x"}, field(r, "description"))
	assert.Equal(t, []string{"853131", "853131"}, field(r, "accountId"))
	assert.Equal(t, field(r, "endDate")[1], field(r, "endDate")[0], "a new one ends with the program")
	assert.Equal(t, map[string]any{
		"before": map[string]any{new1: "absent", existing: "ACTIVE"},
		"after":  map[string]any{new1: "STOPPED", existing: "STOPPED"},
	}, r.Out["diff"])

	r = e.Run(hardwareentitlements.Module, args("absent", existing, new1), check)
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Empty(t, e.Writes())
	lists(t, r, nil, nil, nil, []string{existing}, nil)
	assert.Empty(t, r.Out["entitlements"])
	assert.Equal(t, map[string]any{
		"before": map[string]any{new1: "absent", existing: "ACTIVE"},
		"after":  map[string]any{new1: "absent", existing: "absent"},
	}, r.Out["diff"])
	assert.NotNil(t, e.Entitlement(existing))

	// No change: no diff difference, changed false, one read.
	r = e.Run(hardwareentitlements.Module, args("present", existing), check)
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Equal(t, map[string]int{list: 1}, withoutLogin(e.Calls()))
	assert.Equal(t, map[string]any{"before": map[string]any{existing: "ACTIVE"}, "after": map[string]any{existing: "ACTIVE"}}, r.Out["diff"])

	// A real run with diff shows the same shape.
	r = e.Run(hardwareentitlements.Module, args("present", new1, existing), moduletest.Mode{Diff: true})
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, map[string]any{
		"before": map[string]any{new1: "absent", existing: "ACTIVE"},
		"after":  map[string]any{new1: "ACTIVE", existing: "ACTIVE"},
	}, r.Out["diff"])
}

func withoutLogin(calls map[string]int) map[string]int {
	delete(calls, "oauth/token")
	return calls
}

func TestWrongConfiguration(t *testing.T) {
	e := moduletest.New(t)
	a := with(args("present", new1), "config_id", 5000)
	r := e.Run(hardwareentitlements.Module, a)
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "FortiFlex entitlements/hardware/create failed (HTTP 400): Configuration 5000 is not a Hardware configuration.", r.Msg())

	r = e.Run(hardwareentitlements.Module, a, moduletest.Mode{Check: true})
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "configuration 5000 is a fortiGateBundle configuration (VM); this module creates hardware entitlements", r.Msg())
	assert.Empty(t, e.Writes())

	// VM entitlements of a VM configuration are not managed.
	r = e.Run(hardwareentitlements.Module, with(args("stopped", "FGVMELTM24000002"), "config_id", 5000))
	assert.True(t, r.Failed())
	assert.Equal(t, "configuration 5000 holds FGVMELTM24000002, a VM entitlement (it has a license token): this module manages hardware entitlements; check config_id", r.Msg())
	assert.Empty(t, e.Writes())
}

func TestSerialOfAnotherConfiguration(t *testing.T) {
	e := moduletest.New(t)
	a := args("present", "FGVMELTM24000001")
	r := e.Run(hardwareentitlements.Module, a, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed(), "check mode cannot know")
	lists(t, r, []string{"FGVMELTM24000001"}, nil, nil, nil, nil)

	r = e.Run(hardwareentitlements.Module, a)
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, "FortiFlex entitlements/hardware/create failed (HTTP 400): Serial number FGVMELTM24000001 is already registered.", r.Msg())

	// absent: not in this configuration, nothing to do.
	r = e.Run(hardwareentitlements.Module, args("absent", "FGVMELTM24000001"))
	require.False(t, r.Failed(), r.Msg())
	assert.False(t, r.Changed())
	assert.Empty(t, e.Writes())
}

func TestSerialsCompareWithoutCase(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(hardwareentitlements.Module, args("stopped", strings.ToLower(existing)))
	require.False(t, r.Failed(), r.Msg())
	lists(t, r, nil, []string{existing}, nil, nil, nil)
	assert.Equal(t, []string{existing}, field(r, "serialNumber"))
}

func TestExpired(t *testing.T) {
	e := moduletest.New(t)
	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	r := e.Run(hardwareentitlements.Module, with(args("present", new1), "end_date", tomorrow))
	require.False(t, r.Failed(), r.Msg())
	e.Sim.AdvanceClock(72 * time.Hour)
	r = e.Run(hardwareentitlements.Module, args("present", new1))
	assert.True(t, r.Failed())
	assert.Equal(t, "entitlement FGT60FTK24000101 is EXPIRED: FortiFlex allows no change to an expired entitlement, so it cannot be made ACTIVE. Leave it out of serial_numbers, or remove it with state: absent", r.Msg())
	assert.Empty(t, e.Writes())

	r = e.Run(hardwareentitlements.Module, args("absent", new1))
	require.False(t, r.Failed(), r.Msg())
	lists(t, r, nil, nil, nil, []string{new1}, nil)
}

func TestLostAnswers(t *testing.T) {
	e := moduletest.New(t)

	// The create happened, its answer was lost: found by listing, never sent twice.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultAfter, Status: 502}))
	r := e.Run(hardwareentitlements.Module, args("present", new1, existing, new2))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(create))
	lists(t, r, []string{new1, new2}, nil, nil, nil, nil)
	assert.Equal(t, []string{"ACTIVE", "ACTIVE", "ACTIVE"}, field(r, "status"))

	// The create did not happen: nothing registered, said so, not sent again.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultBefore, Status: 502}))
	r = e.Run(hardwareentitlements.Module, args("present", "FGT60FTK24000103"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, 1, e.Requests(create))
	assert.Equal(t, "FortiFlex entitlements/hardware/create did not answer (HTTP 502: Simulated fault), and none of the serial numbers sent appeared in configuration 5002, so none was registered. It was not sent again; running the task again is safe", r.Msg())

	// The removal happened, its answer was lost.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: remove, When: sim.FaultAfter, Status: 502}))
	r = e.Run(hardwareentitlements.Module, args("absent", new1, new2))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 1, e.Requests(remove))
	lists(t, r, nil, nil, nil, []string{new1, new2}, nil)

	// The removal did not happen.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: remove, When: sim.FaultBefore, Status: 502}))
	r = e.Run(hardwareentitlements.Module, args("absent", existing))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, 1, e.Requests(remove))
	assert.Equal(t, "FortiFlex entitlements/hardware/remove did not answer (HTTP 502: Simulated fault), and configuration 5002 still holds FGT60FTK24000001. It was not sent again; running the task again removes what is left", r.Msg())
}

func TestBatches(t *testing.T) {
	defer hardwareentitlements.SetCreateBatch(2)()
	e := moduletest.New(t)
	serials := []string{"FGT60FTK24000201", "FGT60FTK24000202", "FGT60FTK24000203", "FGT60FTK24000204", "FGT60FTK24000205"}
	r := e.Run(hardwareentitlements.Module, args("present", serials...))
	require.False(t, r.Failed(), r.Msg())
	assert.Equal(t, 3, e.Requests(create))
	lists(t, r, serials, nil, nil, nil, nil)

	// A refusal in the second batch: the first is reported as done.
	r = e.Run(hardwareentitlements.Module, args("present", "FGT60FTK24000301", "FGT60FTK24000302", "FGT60FTK24000303", "FGVMELTM24000001"))
	assert.True(t, r.Failed())
	assert.True(t, r.Changed(), "the first batch was registered")
	assert.Equal(t, 2, e.Requests(create))
	lists(t, r, []string{"FGT60FTK24000301", "FGT60FTK24000302"}, nil, nil, nil, nil)
	assert.Equal(t, []string{"FGT60FTK24000301", "FGT60FTK24000302"}, field(r, "serialNumber"))
	assert.Equal(t, "FortiFlex entitlements/hardware/create failed (HTTP 400): Serial number FGVMELTM24000001 is already registered.", r.Msg())

	// The answer to the first batch is lost: found by listing, and the
	// task goes on with the second batch and the stops.
	three := []string{"FGT60FTK24000401", "FGT60FTK24000402", "FGT60FTK24000403"}
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultAfter, Status: 504}))
	r = e.Run(hardwareentitlements.Module, args("stopped", three...))
	require.False(t, r.Failed(), r.Msg())
	assert.True(t, r.Changed())
	assert.Equal(t, 2, e.Requests(create))
	lists(t, r, three, three, nil, nil, nil)

	// The first batch is lost before FortiFlex carries it out: nothing more is sent.
	require.NoError(t, e.Sim.AddFault(sim.Fault{Key: create, When: sim.FaultBefore, Kind: sim.FaultReset}))
	r = e.Run(hardwareentitlements.Module, args("present", "FGT60FTK24000501", "FGT60FTK24000502", "FGT60FTK24000503"))
	assert.True(t, r.Failed())
	assert.False(t, r.Changed())
	assert.Equal(t, 1, e.Requests(create))
	assert.Equal(t, map[string]int{create: 1}, e.Writes())
	lists(t, r, nil, nil, nil, nil, nil)
}

func TestInvalidInput(t *testing.T) {
	e := moduletest.New(t)
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("FGT60FTK24%06d", i)
	}
	for _, tc := range []struct {
		args map[string]any
		msg  string
	}{
		{args("present"), "serial_numbers must list at least one serial number"},
		{args("present", new1, strings.ToLower(new1)), "serial_numbers lists fgt60ftk24000101 twice"},
		{args("present", new1, " "), "serial_numbers must not contain empty strings"},
		{args("present", many...), "serial_numbers lists 101 serial numbers; FortiFlex registers at most 100 per request, split them over several tasks"},
		{with(args("present", new1), "end_date", "tomorrow"), `end_date: "tomorrow" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss`},
		{with(args("present", new1), "config_id", 0), "config_id must be a configuration id (a positive number), got 0"},
		{with(args("absent", new1), "description", "x"), "description applies to registered serial numbers; leave it out with state: absent"},
		{with(args("absent", new1), "end_date", "2027-01-01"), "end_date applies to registered serial numbers; leave it out with state: absent"},
		{args("gone", new1), "value of state must be one of: present, stopped, absent, got: gone"},
		{map[string]any{"config_id": hwConfig}, "missing required arguments: serial_numbers"},
	} {
		r := e.Run(hardwareentitlements.Module, tc.args)
		assert.True(t, r.Failed())
		assert.False(t, r.Changed())
		assert.Equal(t, tc.msg, r.Msg())
		assert.Empty(t, e.Calls(), tc.msg)
	}
}

func TestDocs(t *testing.T) {
	m := hardwareentitlements.Module
	assert.Contains(t, m.Return, "in the order of C(serial_numbers)")
	assert.NotContains(t, m.Return, "    - The entitlements.\n")
	for _, key := range []string{"created:", "stopped:", "reactivated:", "removed:", "updated:"} {
		assert.Contains(t, m.Return, "\n"+key+"\n")
	}
}

func TestPointsPerDay(t *testing.T) {
	e := moduletest.New(t)
	r := e.Run(hardwareentitlements.Module, map[string]any{"config_id": 5002, "serial_numbers": []any{"FGT60FTK24000001", "FGT60FTK24000777"}},
		moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	pts := r.Out["points_per_day"].(map[string]any)
	one := pts["before"].(float64)
	assert.Greater(t, one, 0.0)
	assert.InDelta(t, 2*one, pts["after"].(float64), 0.011, "one more registered, ACTIVE")
	assert.Empty(t, e.Writes())

	r = e.Run(hardwareentitlements.Module, map[string]any{"config_id": 5002, "serial_numbers": []any{"FGT60FTK24000001"}}, moduletest.Mode{Check: true})
	require.False(t, r.Failed(), r.Msg())
	assert.NotContains(t, r.Out, "points_per_day", "nothing changes")
}
