// Package sim is an in-memory simulator of the FortiFlex v2 REST API and of
// the FortiCloud OAuth endpoints it uses, built from the working specification
// (shared/spec/fortiflex-api-v2.md) independently of the Go client.
//
// The simulator is an http.Handler. It serves, on one listener and with the
// same layout as the real hosts:
//
//	/api/v1/oauth/{token,verify_token,revoke_token}/   OAuth (password + refresh grants)
//	/ES/api/fortiflex/v2/...                          FortiFlex API (POST only)
//	/ES/api/flexvm/v1/groups/list                     the one legacy v1 path clients still use
//	/_sim/...                                         test hooks (no auth; GET /_sim lists them)
//
// Every v2 endpoint of spec §5 is in the route table (api.go); parameters
// are validated against the shared catalogue (internal/catalog). The test
// hooks redeem tokens, move a simulated clock (daily point accrual and
// expiry, see rates.go) and inject faults (hooks.go); each is also a Go
// method (Redeem, AdvanceClock, SetClock, AddFault, ...).
//
// Point rates are INVENTED (rates.go, GET /_sim/rates): FortiFlex publishes
// no price table.
//
// All state lives in memory behind one mutex; Dump and Load serialise it as
// JSON. Access and refresh tokens are never part of a dump and never logged.
package sim

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Seed names accepted in Options.Seed.
const (
	SeedDemo  = "demo"
	SeedEmpty = "empty"
)

// DefaultTokenTTL is the access-token lifetime the real server gives to
// client_id=flexvm (spec §2.2).
const DefaultTokenTTL = 3660 * time.Second

// User is one FortiCloud IAM API user known to the simulator.
type User struct {
	Name     string
	Password string
	// ReadOnly users may call read endpoints only; write endpoints answer 403.
	ReadOnly bool
}

// Options configure a Server. The zero value (plus at least one user) is usable.
type Options struct {
	Users []User
	// Seed is "demo" (default) or "empty".
	Seed string
	// Now is the simulator clock; default time.Now.
	Now func() time.Time
	// TokenTTL is the access-token lifetime; default 3660s.
	TokenTTL time.Duration
	// OneTokenPerUser makes a password grant revoke the user's earlier
	// sessions (the real OAuth server likely does this, spec §2.6).
	OneTokenPerUser bool
	// PointsLookbackDays limits entitlements/points to the last N days
	// (spec §5.17, §12 #6): 0 means the default of 90, a negative value
	// means no limit (the whole history).
	PointsLookbackDays int
	// AfterWrite, if set, is called (outside the simulator lock) after every
	// successful request that changed state: API writes, /_sim/reset and
	// POST /_sim/state. The standalone binary uses it to save --state.
	AfterWrite func()
}

// Server is the simulator. Create it with New; it is safe for concurrent use.
type Server struct {
	opts  Options
	users map[string]User

	mu       sync.Mutex
	st       *state
	sessions map[string]*session // by access token
	refresh  map[string]*session // by refresh token
	stats    Stats
	faults   map[string][]Fault // per request key (see Stats), consumed in order

	routes map[string]route // the API surface; a copy of the package table

	// offset is the /_sim/clock offset (a time.Duration) on top of
	// Options.Now; atomic so that now() needs no lock. Mirrored into
	// state.ClockOffset by Dump.
	offset atomic.Int64
}

// DefaultPointsLookbackDays is the entitlements/points history depth (spec §5.17).
const DefaultPointsLookbackDays = 90

// New builds a simulator from opts.
func New(opts Options) (*Server, error) {
	if opts.Seed == "" {
		opts.Seed = SeedDemo
	}
	if opts.Seed != SeedDemo && opts.Seed != SeedEmpty {
		return nil, fmt.Errorf("sim: unknown seed %q (want %q or %q)", opts.Seed, SeedDemo, SeedEmpty)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.PointsLookbackDays == 0 {
		opts.PointsLookbackDays = DefaultPointsLookbackDays
	}
	users := make(map[string]User, len(opts.Users))
	for _, u := range opts.Users {
		if u.Name == "" || u.Password == "" {
			return nil, errors.New("sim: every user needs a name and a password")
		}
		if _, dup := users[u.Name]; dup {
			return nil, fmt.Errorf("sim: duplicate user %q", u.Name)
		}
		users[u.Name] = u
	}
	s := &Server{
		opts:     opts,
		users:    users,
		sessions: map[string]*session{},
		refresh:  map[string]*session{},
		faults:   map[string][]Fault{},
		routes:   make(map[string]route, len(routes)),
	}
	for k, v := range routes {
		s.routes[k] = v
	}
	s.st = s.seed()
	s.stats.reset()
	return s, nil
}

func (s *Server) afterWrite() {
	if s.opts.AfterWrite != nil {
		s.opts.AfterWrite()
	}
}

// ServeHTTP dispatches to the OAuth endpoints, the FortiFlex API and the
// test hooks.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	lp := strings.ToLower(p)
	switch {
	case strings.HasPrefix(lp, "/_sim/") || lp == "/_sim":
		s.serveHook(w, r, strings.Trim(lp[len("/_sim"):], "/"))
	case strings.HasPrefix(lp, oauthPrefix):
		s.serveOAuth(w, r, strings.Trim(lp[len(oauthPrefix):], "/"))
	case strings.HasPrefix(lp, apiPrefix):
		s.serveAPI(w, r, lp[len(apiPrefix):])
	default:
		writeEnvelopeError(w, &APIError{HTTP: http.StatusNotFound, Message: msgUnknownEndpoint,
			Detail: "No endpoint at " + p + "."})
	}
}
