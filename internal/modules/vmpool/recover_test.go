package vmpool

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

func ent(serial, desc, status string) fortiflex.Entitlement {
	return fortiflex.Entitlement{SerialNumber: serial, Description: desc, Status: status, Token: "T" + serial, TokenStatus: "NOTUSED"}
}

// TestAdopt covers what a listing can show after a create whose answer was
// lost: exactly the new ones, none, fewer, or more (another task at the same
// time). Only labelled serial numbers not seen before count.
func TestAdopt(t *testing.T) {
	o := options{cfgID: 5000, label: "web"}
	before := []fortiflex.Entitlement{ent("A1", "web", "PENDING"), ent("A2", "", "STOPPED")}
	now := func(extra ...fortiflex.Entitlement) []fortiflex.Entitlement {
		return append(append([]fortiflex.Entitlement(nil), before...), extra...)
	}
	lost := "HTTP 502: Simulated fault"

	got, err := adopt(o, before, now(ent("B2", "web", "PENDING"), ent("B1", "web", "PENDING"), ent("C1", "other", "PENDING")), 2, lost)
	require.NoError(t, err)
	assert.Equal(t, []string{"B1", "B2"}, serials(got))

	got, err = adopt(o, before, now(ent("C1", "Web", "PENDING")), 2, lost)
	assert.Empty(t, got)
	assert.EqualError(t, err, `FortiFlex entitlements/vm/create did not answer (HTTP 502: Simulated fault), and no new entitlement labelled "web" appeared in configuration 5000, so none was created. It was not sent again; running the task again is safe`)

	got, err = adopt(o, before, now(ent("B1", "web", "PENDING")), 2, lost)
	assert.Equal(t, []string{"B1"}, serials(got))
	assert.EqualError(t, err, `FortiFlex entitlements/vm/create did not answer (HTTP 502: Simulated fault); configuration 5000 now holds 1 new entitlements labelled "web" (B1), but 2 were asked for. `+
		`It was not sent again. Check the pool with fortiflexvm_entitlements_list_info (configId: 5000, description: web); running the task again counts the pool again and creates only what is missing`)

	got, err = adopt(o, before, now(ent("B1", "web", "PENDING"), ent("B2", "web", "PENDING"), ent("B3", "web", "PENDING")), 2, lost)
	assert.Equal(t, []string{"B1", "B2", "B3"}, serials(got))
	assert.EqualError(t, err, `FortiFlex entitlements/vm/create did not answer (HTTP 502: Simulated fault); configuration 5000 now holds 3 new entitlements labelled "web" (B1, B2, B3), but 2 were asked for: `+
		`another task may have created some at the same time. It was not sent again. Check the pool with fortiflexvm_entitlements_list_info (configId: 5000, description: web); `+
		`running the task again counts the pool again and stops what is more than count`)
}

// TestPlanOrder covers the choices of makePlan without a simulator.
func TestPlanOrder(t *testing.T) {
	at := func(e fortiflex.Entitlement, start, tokenStatus string) fortiflex.Entitlement {
		e.StartDate, e.TokenStatus = start, tokenStatus
		return e
	}
	list := []fortiflex.Entitlement{
		at(ent("M1", "web", "ACTIVE"), "2026-01-01T00:00:00", "USED"),
		at(ent("M2", "web", "ACTIVE"), "2026-02-01T00:00:00", "USED"),
		at(ent("M3", "web", "ACTIVE"), "2026-01-01T00:00:00", "NOTUSED"),
		at(ent("M4", "web", "PENDING"), "2025-01-01T00:00:00", "NOTUSED"),
		at(ent("M5", "web", "PENDING"), "2025-06-01T00:00:00", "NOTUSED"),
		at(ent("S1", "web", "STOPPED"), "2026-03-01T00:00:00", "USED"),
		at(ent("S2", "web", "STOPPED"), "2025-03-01T00:00:00", "NOTUSED"),
		at(ent("U1", "", "STOPPED"), "2025-03-01T00:00:00", "USED"),
		at(ent("U2", "", "PENDING"), "2025-03-01T00:00:00", "NOTUSED"),
		at(ent("X1", "web", "EXPIRED"), "2024-03-01T00:00:00", "USED"),
	}
	pl, err := makePlan(options{label: "web", count: 1}, list)
	require.NoError(t, err)
	assert.Equal(t, []string{"M5", "M4", "M3", "M2"}, serials(pl.stop))

	pl, err = makePlan(options{label: "web", count: 9}, list)
	require.NoError(t, err)
	assert.Equal(t, []string{"S2", "S1"}, serials(pl.reactivate))
	assert.Empty(t, pl.claim)
	assert.Equal(t, 2, pl.create)

	pl, err = makePlan(options{label: "web", count: 9, claim: true}, list)
	require.NoError(t, err)
	assert.Equal(t, []string{"U1"}, serials(pl.claim))
	assert.Equal(t, 1, pl.create)

	pl, err = makePlan(options{label: "web", count: 6, claim: true}, list)
	require.NoError(t, err)
	assert.Equal(t, []string{"S2"}, serials(pl.reactivate))
	assert.Empty(t, pl.claim)
	assert.Zero(t, pl.create)
}
