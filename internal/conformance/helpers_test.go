package conformance

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

// Credentials of the simulator's API users.
const (
	rwUser = "CONFORMANCE-RW"
	rwPass = "conformance-rw-Passw0rd"
	roUser = "CONFORMANCE-RO"
	roPass = "conformance-ro-Passw0rd"
)

// Demo seed (internal/sim/seed.go).
const (
	rootAccount    = 853130
	tenantAccount  = 853131
	prepaid        = "ELAVMR0000000101"
	postpaid       = "ELAVMS0000000518"
	cfgFGT         = 5000 // FortiGate-VM, root, ACTIVE: FGVMELTM24000001..3
	cfgFMG         = 5001 // FortiManager-VM, root, ACTIVE: FMVMELTM24000001 (token USED)
	cfgHW          = 5002 // FortiGate hardware, tenant: FGT60FTK24000001
	cfgEMS         = 5003 // EMS cloud (204), tenant: FCTEMS0000000101
	cfgDisabled    = 5004 // FortiGate-VM, tenant, DISABLED
	cfgPostpaidFGT = 5005 // FortiGate-VM in the postpaid program: FGVMELTM24000004
	vmPending      = "FGVMELTM24000001"
	vmActive       = "FGVMELTM24000002"
	vmStopped      = "FGVMELTM24000003"
	fmgActive      = "FMVMELTM24000001"
	hwSerial       = "FGT60FTK24000001"
	cloudSerial    = "FCTEMS0000000101"
)

// simEpoch is the simulator clock of every test (fixed, so that dates in the
// rows are deterministic); AdvanceClock moves it.
var simEpoch = time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC)

// simDay formats the simulator's day d days from simEpoch as YYYY-MM-DD.
func simDay(d int) string { return simEpoch.AddDate(0, 0, d).Format("2006-01-02") }

// newSim starts a simulator with the demo seed, both users and the fixed
// clock, served over loopback; mod may change the options.
func newSim(tb testing.TB, mod func(*sim.Options)) (*sim.Server, *httptest.Server) {
	tb.Helper()
	opts := sim.Options{
		Seed:  sim.SeedDemo,
		Users: []sim.User{{Name: rwUser, Password: rwPass}, {Name: roUser, Password: roPass, ReadOnly: true}},
		Now:   func() time.Time { return simEpoch },
	}
	if mod != nil {
		mod(&opts)
	}
	s, err := sim.New(opts)
	require.NoError(tb, err)
	srv := httptest.NewServer(s)
	tb.Cleanup(srv.Close)
	return s, srv
}

func authURL(srv *httptest.Server) string { return srv.URL + "/api/v1/oauth/token/" }

// newClient returns a client of srv with short retry waits; mod may change
// the options.
func newClient(tb testing.TB, srv *httptest.Server, user, pass string, mod func(*fortiflex.Options)) *fortiflex.Client {
	tb.Helper()
	opts := fortiflex.Options{
		Username:     user,
		Password:     pass,
		AuthURL:      authURL(srv),
		APIURL:       srv.URL + "/ES/api/",
		Timeout:      10 * time.Second,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 10 * time.Millisecond,
	}
	if mod != nil {
		mod(&opts)
	}
	c, err := fortiflex.New(opts)
	require.NoError(tb, err)
	return c
}

// env is one simulator and a read-write and a read-only client of it.
type env struct {
	sim *sim.Server
	srv *httptest.Server
	rw  *fortiflex.Client
	ro  *fortiflex.Client
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	s, srv := newSim(tb, nil)
	return &env{sim: s, srv: srv, rw: newClient(tb, srv, rwUser, rwPass, nil), ro: newClient(tb, srv, roUser, roPass, nil)}
}

func ctxT(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

func ptr[T any](v T) *T { return &v }

// requests is the simulator's request count for an API path after /ES/api/.
func requests(s *sim.Server, path string) int { return s.Stats().Requests[path] }

// dump returns the simulator state as gjson, to check state independently
// of the client.
func dump(tb testing.TB, s *sim.Server) gjson.Result {
	tb.Helper()
	data, err := s.Dump()
	require.NoError(tb, err)
	return gjson.ParseBytes(data).Get("state")
}

// --- follow-up reads through the client ---

// entitlement returns the entitlement with serial in configuration cfg.
func entitlement(t *testing.T, e *env, cfg int, serial string) fortiflex.Entitlement {
	t.Helper()
	list, err := e.rw.EntitlementsList(ctxT(t), fortiflex.EntitlementListOptions{ConfigID: ptr(cfg), SerialNumber: serial})
	require.NoError(t, err)
	require.Len(t, list, 1, "entitlement %s in configuration %d", serial, cfg)
	return list[0]
}

// entitlements lists configuration cfg.
func entitlements(t *testing.T, e *env, cfg int) []fortiflex.Entitlement {
	t.Helper()
	list, err := e.rw.EntitlementsList(ctxT(t), fortiflex.EntitlementListOptions{ConfigID: ptr(cfg)})
	require.NoError(t, err)
	return list
}

// config returns configuration id of the prepaid program.
func config(t *testing.T, e *env, program string, id int) fortiflex.Configuration {
	t.Helper()
	list, err := e.rw.ConfigsList(ctxT(t), fortiflex.ConfigListOptions{ProgramSerialNumber: program})
	require.NoError(t, err)
	for _, c := range list {
		if c.ID == id {
			return c
		}
	}
	require.Failf(t, "configuration not listed", "configuration %d not in configs/list of %s", id, program)
	return fortiflex.Configuration{}
}

func serials(list []fortiflex.Entitlement) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.SerialNumber
	}
	return out
}

func paramValues(ps []fortiflex.Parameter, id int) []string {
	var out []string
	for _, p := range ps {
		if p.ID == id {
			out = append(out, p.Value)
		}
	}
	return out
}

// --- error expectations ---

// apiFailure is what a refused call must return: an *fortiflex.Error with
// this HTTP status and exactly this Message, envelope status -1, and never an
// unknown outcome (a 4xx is a clear refusal).
type apiFailure struct {
	http int
	msg  string
	raw  string // substring of Error.Raw, if set
	is   error  // sentinel errors.Is must report, if set
}

func (w apiFailure) check(t *testing.T, err error) *fortiflex.Error {
	t.Helper()
	require.Error(t, err)
	var fe *fortiflex.Error
	require.True(t, errors.As(err, &fe), "want *fortiflex.Error, got %T: %v", err, err)
	assert.Equal(t, w.http, fe.HTTPStatus, "HTTP status of %v", err)
	assert.Equal(t, w.msg, fe.Message, "message of %v", err)
	assert.Equal(t, -1, fe.Status, "envelope status of %v", err)
	assert.NotEmpty(t, fe.Op)
	assert.False(t, errors.Is(err, fortiflex.ErrOutcomeUnknown), "a %d refusal is not an unknown outcome: %v", w.http, err)
	assert.False(t, fe.OutcomeUnknown)
	if w.raw != "" {
		assert.Contains(t, string(fe.Raw), w.raw, "Raw of %v", err)
	}
	if w.is != nil {
		assert.ErrorIs(t, err, w.is)
	}
	return fe
}

func badRequest(msg string) *apiFailure { return &apiFailure{http: 400, msg: msg} }
