// Package moduletest runs modules in-process, exactly as the binary does for
// Ansible (an args file, one JSON result), against an in-process simulator.
// Only tests import it.
package moduletest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

// Credentials of the simulator's users.
const (
	User       = "MODTEST-API-USER"
	Password   = "modtest-Secret-Passw0rd"
	ROUser     = "MODTEST-READ-ONLY"
	ROPassword = "modtest-ro-Passw0rd"
)

// Env is one simulator with the demo seed and a way to run modules at it.
type Env struct {
	T   *testing.T
	Sim *sim.Server
	URL string
	// Vars are the environment variables the module sees.
	Vars map[string]string
}

// New starts a simulator for the test.
func New(t *testing.T) *Env {
	t.Helper()
	s, err := sim.New(sim.Options{Seed: sim.SeedDemo, Users: []sim.User{
		{Name: User, Password: Password}, {Name: ROUser, Password: ROPassword, ReadOnly: true},
	}})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &Env{T: t, Sim: s, URL: ts.URL, Vars: map[string]string{
		"FORTIFLEX_ACCESS_USERNAME": User,
		"FORTIFLEX_ACCESS_PASSWORD": Password,
		"FORTIFLEX_AUTH_URL":        ts.URL + "/api/v1/oauth/token/",
		"FORTIFLEX_API_URL":         ts.URL + "/ES/api/",
		"FORTIFLEX_TOKEN_CACHE":     filepath.Join(t.TempDir(), "tokens"),
	}}
}

// Result is a module's parsed JSON result and exit code.
type Result struct {
	Out  map[string]any
	Raw  string
	Code int
}

// Failed reports the failed key.
func (r Result) Failed() bool { f, _ := r.Out["failed"].(bool); return f }

// Changed reports the changed key.
func (r Result) Changed() bool { c, _ := r.Out["changed"].(bool); return c }

// Msg is the msg key.
func (r Result) Msg() string { m, _ := r.Out["msg"].(string); return m }

// Mode selects check and diff mode.
type Mode struct{ Check, Diff bool }

// ArgsFile writes the JSON args file Ansible hands a module named module
// (options args, plus Ansible's control keys for mode) and returns its path.
func ArgsFile(t *testing.T, module string, args map[string]any, mode Mode) string {
	t.Helper()
	full := map[string]any{
		"_ansible_module_name": "flexgo.fortiflexvm." + module, "_ansible_check_mode": mode.Check,
		"_ansible_diff": mode.Diff, "_ansible_verbosity": 0, "_ansible_no_log": false,
		"_ansible_version": "2.14.18", "_ansible_tmpdir": t.TempDir(),
	}
	for k, v := range args {
		full[k] = v
	}
	b, err := json.Marshal(full)
	require.NoError(t, err)
	argsFile := filepath.Join(t.TempDir(), "args")
	require.NoError(t, os.WriteFile(argsFile, b, 0o600))
	return argsFile
}

// Run runs mod with args (module options) and returns its result. The
// simulator's request counters are reset first, so Requests and Logins
// count this run only.
func (e *Env) Run(mod *ansiblemod.Module, args map[string]any, mode ...Mode) Result {
	t := e.T
	t.Helper()
	e.Sim.ResetStats()
	var m Mode
	if len(mode) > 0 {
		m = mode[0]
	}
	argsFile := ArgsFile(t, mod.Name, args, m)
	var out bytes.Buffer
	code := ansiblemod.Run(context.Background(), []*ansiblemod.Module{mod}, []string{"fortiflexvm", argsFile}, &out, func(k string) (string, bool) {
		v, ok := e.Vars[k]
		return v, ok
	})
	var res map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &res), out.String())
	require.NotContains(t, out.String(), Password, "the password leaked into the result")
	return Result{Out: res, Raw: out.String(), Code: code}
}

// Requests is how many times the last run called an API path such as
// "fortiflex/v2/configs/create".
func (e *Env) Requests(path string) int { return e.Sim.Stats().Requests[path] }

// Writes lists the write paths the last run called, with counts.
func (e *Env) Calls() map[string]int {
	out := map[string]int{}
	for k, v := range e.Sim.Stats().Requests {
		if v > 0 {
			out[k] = v
		}
	}
	return out
}

// Logins is how many password grants the last run made.
func (e *Env) Logins() int { return e.Sim.Stats().Logins }

// State is the simulator's state (its Dump), decoded.
func (e *Env) State() map[string]any {
	e.T.Helper()
	b, err := e.Sim.Dump()
	require.NoError(e.T, err)
	var st map[string]any
	require.NoError(e.T, json.Unmarshal(b, &st))
	if inner, ok := st["state"].(map[string]any); ok {
		return inner
	}
	return st
}

// Config is the simulator's configuration id, or nil.
func (e *Env) Config(id int) map[string]any {
	for _, c := range e.list("configs") {
		if n, _ := c["id"].(float64); int(n) == id {
			return c
		}
	}
	return nil
}

// Entitlement is the simulator's entitlement serial, or nil.
func (e *Env) Entitlement(serial string) map[string]any {
	for _, x := range e.list("entitlements") {
		if x["serialNumber"] == serial {
			return x
		}
	}
	return nil
}

// Count is how many objects of a kind ("configs", "entitlements") the
// simulator holds.
func (e *Env) Count(kind string) int { return len(e.list(kind)) }

func (e *Env) list(kind string) []map[string]any {
	raw, _ := e.State()[kind].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		if m, ok := r.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// readPaths are the API paths that change nothing (and the login).
var readPaths = map[string]bool{
	"oauth/token": true, "fortiflex/v2/programs/list": true, "fortiflex/v2/programs/points": true,
	"fortiflex/v2/configs/list": true, "fortiflex/v2/entitlements/list": true, "fortiflex/v2/entitlements/points": true,
	"fortiflex/v2/groups/list": true, "flexvm/v1/groups/list": true, "fortiflex/v2/groups/nexttoken": true,
	"fortiflex/v2/tools/calc": true, "fortiflex/v2/tools/metadata": true,
}

// Writes lists the calls of the last run that can change something.
func (e *Env) Writes() map[string]int {
	out := map[string]int{}
	for k, v := range e.Calls() {
		if !readPaths[k] {
			out[k] = v
		}
	}
	return out
}
