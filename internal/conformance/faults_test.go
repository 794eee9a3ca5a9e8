package conformance

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

// faultRead is a read the client may repeat, with its simulator request key.
type faultRead struct {
	key  string
	call func(ctx context.Context, c *fortiflex.Client) (int, error) // returns the number of items
}

var faultReads = []faultRead{
	{"fortiflex/v2/programs/list", func(ctx context.Context, c *fortiflex.Client) (int, error) {
		ps, err := c.ProgramsList(ctx)
		return len(ps), err
	}},
	{"fortiflex/v2/entitlements/list", func(ctx context.Context, c *fortiflex.Client) (int, error) {
		list, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT)})
		return len(list), err
	}},
}

const vmCreateKey = "fortiflex/v2/entitlements/vm/create"

// createdWith counts the entitlements in the simulator's own state whose
// description is desc (independent of the client).
func createdWith(t *testing.T, s *sim.Server, desc string) int {
	t.Helper()
	n := 0
	for _, x := range dump(t, s).Get("entitlements").Array() {
		if x.Get("description").String() == desc {
			n++
		}
	}
	return n
}

func TestFaults(t *testing.T) {
	// Reads: the fault fires Count times before the request is handled; the
	// client must retry (or, for invalid-token, log in again) and succeed.
	t.Run("read retries and succeeds", func(t *testing.T) {
		rows := []struct {
			name     string
			fault    sim.Fault
			requests int // simulator requests of the read's path
			logins   int // simulator password grants
		}{
			{name: "500", fault: sim.Fault{Status: 500, Count: 2}, requests: 3, logins: 1},
			{name: "502", fault: sim.Fault{Status: 502, Count: 2}, requests: 3, logins: 1},
			{name: "503", fault: sim.Fault{Status: 503, Count: 2}, requests: 3, logins: 1},
			{name: "504", fault: sim.Fault{Status: 504, Count: 2}, requests: 3, logins: 1},
			{name: "429 with Retry-After 1", fault: sim.Fault{Status: 429, RetryAfter: 1, Count: 2}, requests: 3, logins: 1},
			{name: "reset", fault: sim.Fault{Kind: sim.FaultReset, Count: 2}, requests: 3, logins: 1},
			{name: "delay shorter than the timeout", fault: sim.Fault{Kind: sim.FaultDelay, Delay: "50ms"}, requests: 1, logins: 1},
			{name: "truncated", fault: sim.Fault{Kind: sim.FaultTruncated, Count: 2}, requests: 3, logins: 1},
			{name: "html", fault: sim.Fault{Kind: sim.FaultHTML, Count: 2}, requests: 3, logins: 1},
			{name: "invalid-token", fault: sim.Fault{Kind: sim.FaultInvalidToken}, requests: 2, logins: 2},
		}
		for _, row := range rows {
			for _, read := range faultReads {
				t.Run(row.name+"/"+read.key[len("fortiflex/v2/"):], func(t *testing.T) {
					t.Parallel()
					s, srv := newSim(t, nil)
					c := newClient(t, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.Timeout = 5 * time.Second })
					f := row.fault
					f.Key = read.key
					require.NoError(t, s.AddFault(f))

					n, err := read.call(ctxT(t), c)
					got := requests(s, read.key)
					require.NoError(t, err, "the read must survive the fault")
					assert.Positive(t, n)
					assert.Equal(t, row.requests, got, "simulator requests of %s (retries included)", read.key)
					assert.Equal(t, row.logins, s.Stats().Logins, "password grants")
				})
			}
		}
	})

	// Creates: the request is handled (the entitlement exists), then the
	// answer is lost. The client must not retry and must say the outcome is
	// unknown.
	t.Run("create with lost answer is an unknown outcome", func(t *testing.T) {
		const timeout = 500 * time.Millisecond
		rows := []struct {
			name  string
			fault sim.Fault
		}{
			{"502 after", sim.Fault{When: sim.FaultAfter, Status: 502}},
			{"500 after", sim.Fault{When: sim.FaultAfter, Status: 500}},
			{"503 after", sim.Fault{When: sim.FaultAfter, Status: 503}},
			{"reset after", sim.Fault{When: sim.FaultAfter, Kind: sim.FaultReset}},
			{"truncated after", sim.Fault{When: sim.FaultAfter, Kind: sim.FaultTruncated}},
			{"html after", sim.Fault{When: sim.FaultAfter, Kind: sim.FaultHTML}},
			{"delay after, longer than the client timeout", sim.Fault{When: sim.FaultAfter, Kind: sim.FaultDelay, Delay: "20s"}},
		}
		for _, row := range rows {
			t.Run(row.name, func(t *testing.T) {
				t.Parallel()
				s, srv := newSim(t, nil)
				c := newClient(t, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.Timeout = timeout })
				warmUp(t, c) // log in outside the faulted call
				f := row.fault
				f.Key = vmCreateKey
				require.NoError(t, s.AddFault(f))

				desc := "lost-" + row.name
				list, err := c.EntitlementsVMCreate(ctxT(t), fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, Description: desc})
				require.Error(t, err)
				assert.Nil(t, list)
				assert.ErrorIs(t, err, fortiflex.ErrOutcomeUnknown, "%v", err)
				var fe *fortiflex.Error
				require.True(t, errors.As(err, &fe), "%T", err)
				assert.True(t, fe.OutcomeUnknown)
				assert.Equal(t, "entitlements/vm/create", fe.Op)
				assert.Equal(t, 1, requests(s, vmCreateKey), "a create is never retried after it may have left")
				assert.Equal(t, 1, createdWith(t, s, desc), "the simulator did create the entitlement")

				// The caller's way out: look by identity before sending again.
				found, err := c.EntitlementsList(ctxT(t), fortiflex.EntitlementListOptions{ConfigID: ptr(cfgFGT), Description: desc})
				require.NoError(t, err)
				require.Len(t, found, 1)
				assert.Equal(t, "PENDING", found[0].Status)
			})
		}
	})

	// Creates whose request did not go through: clear failures or unknown
	// outcomes, but nothing is created and nothing is retried.
	t.Run("create refused before handling", func(t *testing.T) {
		rows := []struct {
			name    string
			fault   *sim.Fault
			cfg     int
			fail    *apiFailure // a clear refusal
			unknown bool        // else: an unknown outcome (the client cannot tell)
		}{
			{name: "400 before", fault: &sim.Fault{Status: 400}, cfg: cfgFGT, fail: badRequest("Simulated fault.")},
			{name: "business error: DISABLED configuration", cfg: cfgDisabled, fail: badRequest("Configuration 5004 is disabled.")},
			{name: "403 before", fault: &sim.Fault{Status: 403}, cfg: cfgFGT, fail: &apiFailure{http: 403, msg: "Simulated fault.", is: fortiflex.ErrForbidden}},
			{name: "502 before", fault: &sim.Fault{Status: 502}, cfg: cfgFGT, unknown: true},
			{name: "reset before", fault: &sim.Fault{Kind: sim.FaultReset}, cfg: cfgFGT, unknown: true},
		}
		for _, row := range rows {
			t.Run(row.name, func(t *testing.T) {
				t.Parallel()
				s, srv := newSim(t, nil)
				c := newClient(t, srv, rwUser, rwPass, nil)
				warmUp(t, c)
				if row.fault != nil {
					f := *row.fault
					f.Key = vmCreateKey
					require.NoError(t, s.AddFault(f))
				}
				desc := "refused-" + row.name
				_, err := c.EntitlementsVMCreate(ctxT(t), fortiflex.VMCreate{ConfigID: row.cfg, Count: 1, Description: desc})
				if row.unknown {
					assert.ErrorIs(t, err, fortiflex.ErrOutcomeUnknown)
				} else {
					row.fail.check(t, err)
				}
				assert.Equal(t, 1, requests(s, vmCreateKey), "never retried")
				assert.Zero(t, createdWith(t, s, desc), "nothing created")
			})
		}
	})

	// A login behind a flaky gateway is retried like a read.
	t.Run("login retries", func(t *testing.T) {
		s, srv := newSim(t, nil)
		c := newClient(t, srv, rwUser, rwPass, nil)
		require.NoError(t, s.AddFault(sim.Fault{Key: "oauth/token", Status: 503, Count: 2}))
		_, err := c.ProgramsList(ctxT(t))
		require.NoError(t, err)
		st := s.Stats()
		assert.Equal(t, 3, st.Requests["oauth/token"])
		assert.Equal(t, 1, st.Logins)
	})
}

// warmUp makes one read so that the client holds a token.
func warmUp(t *testing.T, c *fortiflex.Client) {
	t.Helper()
	_, err := c.ProgramsList(ctxT(t))
	require.NoError(t, err)
}
