package conformance

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

// TestOneLoginForFiftyGoroutines: 50 clients (as 50 Ansible module
// processes would be) share one FileTokenStore and the same credentials;
// their concurrent first calls must cost one password grant.
func TestOneLoginForFiftyGoroutines(t *testing.T) {
	const n = 50
	for _, oneToken := range []bool{false, true} {
		name := "several tokens per user"
		if oneToken {
			name = "OneTokenPerUser"
		}
		t.Run(name, func(t *testing.T) {
			s, srv := newSim(t, func(o *sim.Options) { o.OneTokenPerUser = oneToken })
			store, err := fortiflex.NewFileTokenStore(t.TempDir())
			require.NoError(t, err)

			clients := make([]*fortiflex.Client, n)
			for i := range clients {
				clients[i] = newClient(t, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.TokenStore = store })
			}
			var (
				wg    sync.WaitGroup
				start = make(chan struct{})
				errs  = make([]error, n)
				got   = make([]int, n)
			)
			ctx := ctxT(t)
			for i, c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					ps, err := c.ProgramsList(ctx)
					errs[i], got[i] = err, len(ps)
				}()
			}
			close(start)
			wg.Wait()

			for i := range n {
				assert.NoError(t, errs[i], "goroutine %d", i)
				assert.Equal(t, 2, got[i], "goroutine %d", i)
			}
			st := s.Stats()
			assert.Equal(t, 1, st.Logins, "one password grant for 50 clients")
			assert.Equal(t, 1, st.Requests["oauth/token"])
			assert.Zero(t, st.Refreshes)
			assert.Equal(t, n, st.Requests["fortiflex/v2/programs/list"], "no call was refused and resent")
			logins := 0
			for _, c := range clients {
				logins += c.Stats().Logins
			}
			assert.Equal(t, 1, logins, "one client logged in, the others adopted its stored token")
		})
	}
}

// TestExpiredTokenIsRenewed: an expired or refused token costs one renewal
// and never surfaces as an error.
func TestExpiredTokenIsRenewed(t *testing.T) {
	const ttl = 10 * time.Minute

	t.Run("server clock past the token lifetime", func(t *testing.T) {
		// The client still trusts its token (its own clock has not moved);
		// the simulator refuses it with "Invalid security token." and the
		// client logs in again once and resends.
		s, srv := newSim(t, func(o *sim.Options) { o.TokenTTL = ttl })
		c := newClient(t, srv, rwUser, rwPass, nil)
		warmUp(t, c)
		s.AdvanceClock(ttl + time.Minute)

		ps, err := c.ProgramsList(ctxT(t))
		require.NoError(t, err)
		assert.Len(t, ps, 2)
		st := s.Stats()
		assert.Equal(t, 2, st.Logins+st.Refreshes, "one renewal after the first login")
		assert.Equal(t, 2, st.Logins)
		assert.Equal(t, 3, st.Requests["fortiflex/v2/programs/list"], "first call, refused call, resent call")
		assert.Equal(t, 2, c.Stats().Logins)
	})

	t.Run("cached token past its lifetime is refreshed", func(t *testing.T) {
		// A later process finds the shared token expired by its own clock:
		// it uses the refresh grant with the stored refresh token.
		s, srv := newSim(t, func(o *sim.Options) { o.TokenTTL = ttl })
		store, err := fortiflex.NewFileTokenStore(t.TempDir())
		require.NoError(t, err)
		first := newClient(t, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.TokenStore = store })
		warmUp(t, first)

		// Age the stored token by its lifetime, and the simulator with it.
		ctx := ctxT(t)
		key := fortiflex.Fingerprint(authURL(srv), rwUser, rwPass)
		tok, ok, err := store.Load(ctx, key)
		require.NoError(t, err)
		require.True(t, ok, "the first client saved its token in the shared store")
		require.NotEmpty(t, tok.RefreshToken)
		tok.ObtainedAt = tok.ObtainedAt.Add(-ttl - time.Minute)
		tok.ExpiresAt = tok.ExpiresAt.Add(-ttl - time.Minute)
		require.False(t, tok.Valid(time.Now()))
		require.NoError(t, store.Save(ctx, key, tok))
		s.AdvanceClock(ttl + time.Minute)

		later := newClient(t, srv, rwUser, rwPass, func(o *fortiflex.Options) { o.TokenStore = store })
		ps, err := later.ProgramsList(ctx)
		require.NoError(t, err)
		assert.Len(t, ps, 2)
		st := s.Stats()
		assert.Equal(t, 1, st.Refreshes, "renewed with the refresh grant")
		assert.Equal(t, 1, st.Logins, "no second password grant")
		assert.Equal(t, fortiflex.Stats{Logins: 0, Refreshes: 1, Requests: 2}, later.Stats())
		renewed, ok, err := store.Load(ctx, key)
		require.NoError(t, err)
		require.True(t, ok)
		assert.True(t, renewed.Valid(time.Now()), "the renewed token is shared again")
		assert.NotEqual(t, tok.AccessToken, renewed.AccessToken)
	})

	t.Run("Invalid security token once", func(t *testing.T) {
		s, srv := newSim(t, nil)
		c := newClient(t, srv, rwUser, rwPass, nil)
		warmUp(t, c)
		require.NoError(t, s.AddFault(sim.Fault{Key: "fortiflex/v2/programs/list", Kind: sim.FaultInvalidToken, Count: 1}))

		ps, err := c.ProgramsList(ctxT(t))
		require.NoError(t, err)
		assert.Len(t, ps, 2)
		st := s.Stats()
		assert.Equal(t, 2, st.Logins, "one re-login")
		assert.Equal(t, 3, st.Requests["fortiflex/v2/programs/list"])
		assert.Equal(t, 2, c.Stats().Logins)
	})

	t.Run("Invalid security token once on a create", func(t *testing.T) {
		// The API refused the request, so even a create is sent again.
		s, srv := newSim(t, nil)
		c := newClient(t, srv, rwUser, rwPass, nil)
		warmUp(t, c)
		require.NoError(t, s.AddFault(sim.Fault{Key: vmCreateKey, Kind: sim.FaultInvalidToken, Count: 1}))

		list, err := c.EntitlementsVMCreate(ctxT(t), fortiflex.VMCreate{ConfigID: cfgFGT, Count: 1, Description: "after-relogin"})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, 2, requests(s, vmCreateKey))
		assert.Equal(t, 1, createdWith(t, s, "after-relogin"), "created once")
		assert.Equal(t, 2, s.Stats().Logins)
	})

	t.Run("Invalid security token that persists", func(t *testing.T) {
		s, srv := newSim(t, nil)
		c := newClient(t, srv, rwUser, rwPass, nil)
		require.NoError(t, s.AddFault(sim.Fault{Key: "fortiflex/v2/programs/list", Kind: sim.FaultInvalidToken, Count: 5}))

		_, err := c.ProgramsList(ctxT(t))
		(&apiFailure{http: 401, msg: "Invalid security token.", is: fortiflex.ErrUnauthorized}).check(t, err)
		assert.Equal(t, 2, s.Stats().Logins, "exactly one re-login")
		assert.Equal(t, 2, requests(s, "fortiflex/v2/programs/list"))
	})

	t.Run("OneTokenPerUser: a second client's login supersedes the first", func(t *testing.T) {
		// Two clients with separate stores: each login revokes the other's
		// token; each refused call costs one re-login, never an error.
		s, srv := newSim(t, func(o *sim.Options) { o.OneTokenPerUser = true })
		a := newClient(t, srv, rwUser, rwPass, nil)
		b := newClient(t, srv, rwUser, rwPass, nil)
		ctx := ctxT(t)
		for range 3 {
			for _, c := range []*fortiflex.Client{a, b} {
				_, err := c.ProgramsList(ctx)
				require.NoError(t, err)
			}
		}
		assert.Equal(t, 6, s.Stats().Logins)
	})
}
