package main_test

// End-to-end: the real module binary, built as `make build` builds it, run
// the way Ansible runs a binary module (argv[1] = JSON args file), against
// the in-process simulator.

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flexgo/fortiflexvm/internal/modules/all"
	"github.com/flexgo/fortiflexvm/internal/modules/moduletest"
	"github.com/flexgo/fortiflexvm/internal/sim"
)

const (
	user     = "E2E-API-USER"
	password = "e2e-Secret-Passw0rd"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fortiflexvm-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "AnsiballZ_fortiflexvm")
	cmd := exec.Command("go", "build", "-trimpath", "-o", binary, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type e2e struct {
	sim *sim.Server
	url string
}

func setup(t *testing.T) *e2e {
	t.Helper()
	s, err := sim.New(sim.Options{Users: []sim.User{{Name: user, Password: password}}, Seed: "demo"})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &e2e{sim: s, url: ts.URL}
}

// run executes the binary with args as Ansible would and returns the parsed
// result, the raw stdout and stderr, and the exit code.
func (e *e2e) run(t *testing.T, module string, args map[string]any, env ...string) (map[string]any, string, string, int) {
	t.Helper()
	argsFile := moduletest.ArgsFile(t, module, args, moduletest.Mode{})

	cmd := exec.Command(binary, argsFile)
	cmd.Dir = "/" // never depends on the working directory
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"FORTIFLEX_AUTH_URL=" + e.url + "/api/v1/oauth/token/",
		"FORTIFLEX_API_URL=" + e.url + "/ES/api/",
	}, env...)
	cmd.Stdin = strings.NewReader("stdin must not be read")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	require.NoError(t, dec.Decode(&out), "stdout is one JSON object: %q", stdout.String())
	assert.False(t, dec.More(), "nothing after the JSON object")
	return out, stdout.String(), stderr.String(), code
}

func TestProgramsListInfo(t *testing.T) {
	e := setup(t)
	out, raw, stderr, code := e.run(t, "fortiflexvm_programs_list_info", map[string]any{"username": user, "password": password})
	require.Equal(t, 0, code, raw)
	assert.Equal(t, false, out["changed"])
	assert.NotContains(t, out, "failed")
	programs := out["programs"].([]any)
	require.Len(t, programs, 2)
	first := programs[0].(map[string]any)
	assert.ElementsMatch(t, []string{"accountId", "endDate", "hasSupportCoverage", "serialNumber", "startDate"}, keys(first))
	assert.NotContains(t, raw+stderr, password)
	assert.Equal(t, "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", out["invocation"].(map[string]any)["module_args"].(map[string]any)["password"])

	st := e.sim.Stats()
	assert.Equal(t, 1, st.Logins)
	assert.Equal(t, 1, st.Requests["fortiflex/v2/programs/list"])
}

func TestConfigsListInfoFromEnvironmentCredentials(t *testing.T) {
	e := setup(t)
	out, raw, _, code := e.run(t, "fortiflexvm_configs_list_info",
		map[string]any{"programSerialNumber": "ELAVMR0000000101", "accountId": "853130"},
		"FORTIFLEX_ACCESS_USERNAME="+user, "FORTIFLEX_ACCESS_PASSWORD="+password)
	require.Equal(t, 0, code, raw)
	configs := out["configs"].([]any)
	require.Len(t, configs, 2)
	fgt := configs[0].(map[string]any)
	assert.Equal(t, "fgt-vm-4cpu-utp", fgt["name"])
	assert.Equal(t, map[string]any{
		"cpu": "4", "service": "UTP", "vdom": "0", "fortiGuardServices": []any{"FGTAVDB", "FGTFAIS"},
		"cloudServices": []any{}, "supportService": "NONE",
	}, fgt["fortiGateBundle"])
	assert.NotContains(t, raw, password)
}

func TestFailuresAreCleanJSON(t *testing.T) {
	cases := []struct {
		name   string
		module string
		args   map[string]any
		msg    string
		calls  int // requests the simulator must have seen
	}{
		{"wrong password", "fortiflexvm_programs_list_info", map[string]any{"username": user, "password": "not-" + password},
			"FortiFlex login failed: invalid credentials (HTTP 401). Check username and password (or FORTIFLEX_ACCESS_USERNAME / FORTIFLEX_ACCESS_PASSWORD); downloading an API user's credentials again resets its password.", 1},
		{"unknown option", "fortiflexvm_programs_list_info", map[string]any{"username": user, "password": password, "count": 1},
			"Unsupported parameters for (fortiflexvm_programs_list_info) module: count. Supported parameters include: api_url, auth_url, password, return_tokens, timeout, token_cache, username, validate_certs.", 0},
		{"missing required", "fortiflexvm_configs_list_info", map[string]any{"username": user, "password": password},
			"missing required arguments: programSerialNumber", 0},
		{"no password", "fortiflexvm_configs_list_info", map[string]any{"username": user, "programSerialNumber": "X"},
			"no FortiFlex password: set the password option or the FORTIFLEX_ACCESS_PASSWORD environment variable", 0},
		{"unknown module", "fortiflexvm_nope", map[string]any{},
			`unknown module "fortiflexvm_nope": this binary implements ` + moduleNames(), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := setup(t)
			out, raw, stderr, code := e.run(t, tc.module, tc.args)
			assert.Equal(t, 1, code)
			assert.Equal(t, true, out["failed"])
			assert.Equal(t, false, out["changed"])
			assert.Equal(t, tc.msg, out["msg"])
			assert.NotContains(t, raw+stderr, password)
			assert.Empty(t, stderr)
			total := 0
			for _, n := range e.sim.Stats().Requests {
				total += n
			}
			assert.Equal(t, tc.calls, total, "requests sent to the API")
		})
	}
}

// Fifty module processes started at once with one credential and one token
// cache log in once; the cache file is the user's alone.
func TestParallelProcessesLogInOnce(t *testing.T) {
	e := setup(t)
	cache := filepath.Join(t.TempDir(), "tokens")
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, _, _, codes[i] = e.run(t, "fortiflexvm_programs_list_info", map[string]any{"username": user, "password": password, "token_cache": cache})
		}(i)
	}
	wg.Wait()
	for i, c := range codes {
		assert.Equal(t, 0, c, "process %d", i)
	}
	st := e.sim.Stats()
	assert.Equal(t, 1, st.Logins, "one login for %d processes", n)
	assert.Equal(t, n, st.Requests["fortiflex/v2/programs/list"])

	fi, err := os.Stat(cache)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	for _, de := range entries {
		info, err := de.Info()
		require.NoError(t, err)
		if strings.HasSuffix(de.Name(), ".json") {
			assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), de.Name())
		}
		data, err := os.ReadFile(filepath.Join(cache, de.Name()))
		require.NoError(t, err)
		assert.NotContains(t, string(data), password)
		assert.NotContains(t, de.Name(), user)
	}
}

// moduleNames lists every module, as the binary names them when it is
// asked for one it does not have.
func moduleNames() string {
	var names []string
	for _, m := range all.Modules() {
		names = append(names, m.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
