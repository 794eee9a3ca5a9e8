package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/flexgo/fortiflexvm/internal/sim"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		wantErr string // substring; "" = success
		check   func(t *testing.T, c config)
	}{
		{name: "minimal", args: []string{"--user", "u:p"}, check: func(t *testing.T, c config) {
			assert.Equal(t, "127.0.0.1:0", c.listen)
			assert.Equal(t, "demo", c.seed)
			assert.Equal(t, userList{{Name: "u", Password: "p"}}, c.users)
		}},
		{name: "all flags", args: []string{"--listen", "127.0.0.1:8443", "--user", "a:pw", "--user", "b:x:y:readonly",
			"--seed", "empty", "--state", "/tmp/s.json", "--addr-file", "/tmp/a"}, check: func(t *testing.T, c config) {
			assert.Equal(t, "127.0.0.1:8443", c.listen)
			assert.Equal(t, userList{{Name: "a", Password: "pw"}, {Name: "b", Password: "x:y", ReadOnly: true}}, c.users)
			assert.Equal(t, "empty", c.seed)
			assert.Equal(t, "/tmp/s.json", c.stateFile)
			assert.Equal(t, "/tmp/a", c.addrFile)
		}},
		{name: "single dash flags", args: []string{"-listen=localhost:0", "-user=u:p"}},
		{name: "defaults of the OAuth and points flags", args: []string{"--user", "u:p"}, check: func(t *testing.T, c config) {
			assert.False(t, c.oneToken)
			assert.Equal(t, 3660*time.Second, c.tokenTTL)
			assert.Equal(t, 90, c.lookback)
		}},
		{name: "OAuth and points flags", args: []string{"--user", "u:p", "--one-token-per-user", "--token-ttl", "90s", "--points-lookback-days", "-1"},
			check: func(t *testing.T, c config) {
				assert.True(t, c.oneToken)
				assert.Equal(t, 90*time.Second, c.tokenTTL)
				assert.Equal(t, -1, c.lookback)
			}},
		{name: "bad token ttl", args: []string{"--user", "u:p", "--token-ttl", "0s"}, wantErr: "--token-ttl must be positive"},
		{name: "unparsable token ttl", args: []string{"--user", "u:p", "--token-ttl", "soon"}, wantErr: "invalid value"},
		{name: "bad lookback", args: []string{"--user", "u:p", "--points-lookback-days", "0"}, wantErr: "--points-lookback-days must be positive or -1"},
		{name: "ipv6 loopback", args: []string{"--listen", "[::1]:0", "--user", "u:p"}},
		{name: "missing user", args: []string{"--listen", "127.0.0.1:0"}, wantErr: "at least one --user NAME:PASSWORD (or --users-file FILE) is required"},
		{name: "user without password", args: []string{"--user", "u"}, wantErr: "want NAME:PASSWORD"},
		{name: "user with empty password", args: []string{"--user", "u:"}, wantErr: "want NAME:PASSWORD"},
		{name: "bad seed", args: []string{"--user", "u:p", "--seed", "full"}, wantErr: `--seed must be demo or empty, not "full"`},
		{name: "remote address refused", args: []string{"--user", "u:p", "--listen", "0.0.0.0:8080"}, wantErr: "not a loopback address"},
		{name: "all interfaces refused", args: []string{"--user", "u:p", "--listen", ":8080"}, wantErr: "not a loopback address"},
		{name: "remote address allowed", args: []string{"--user", "u:p", "--listen", "0.0.0.0:8080", "--allow-remote"}},
		{name: "bad listen", args: []string{"--user", "u:p", "--listen", "nonsense"}, wantErr: "--listen"},
		{name: "unknown flag", args: []string{"--user", "u:p", "--bogus"}, wantErr: "flag provided but not defined"},
		{name: "positional argument", args: []string{"--user", "u:p", "extra"}, wantErr: "unexpected arguments: extra"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseArgs(tc.args, io.Discard)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				var ue usageError
				assert.True(t, errors.As(err, &ue), "usage errors exit 2")
				assert.Contains(t, err.Error(), "usage: fortiflex-sim")
				return
			}
			require.NoError(t, err)
			if tc.check != nil {
				tc.check(t, c)
			}
		})
	}
}

// syncBuffer is a goroutine-safe bytes.Buffer.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type running struct {
	base           string
	stdout, stderr *syncBuffer
	stop           func() error
}

func start(t *testing.T, args ...string) *running {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	args = append([]string{"--listen", "127.0.0.1:0", "--addr-file", addrFile}, args...)
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, r.stdout, r.stderr) }()
	var stopped bool
	var runErr error
	r.stop = func() error {
		if !stopped {
			cancel()
			runErr = <-done
			stopped = true
		}
		return runErr
	}
	t.Cleanup(func() { _ = r.stop() })

	deadline := time.Now().Add(5 * time.Second)
	for {
		data, err := os.ReadFile(addrFile)
		if err == nil {
			r.base = strings.TrimSpace(string(data))
			break
		}
		select {
		case err := <-done:
			t.Fatalf("run exited early: %v", err)
		default:
		}
		require.True(t, time.Now().Before(deadline), "addr-file never appeared")
		time.Sleep(10 * time.Millisecond)
	}
	return r
}

func post(t *testing.T, url, auth, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(data)
}

func TestRunServesAndSavesState(t *testing.T) {
	stateFile := filepath.Join(t.TempDir(), "state.json")
	r := start(t, "--user", "alice:Secr3t-pw", "--state", stateFile)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, r.base)
	assert.Equal(t, "fortiflex-sim listening on "+r.base+"\n", r.stdout.String())

	res, err := http.Get(r.base + "/_sim/stats")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.JSONEq(t, `{"logins":0,"refreshes":0,"requests":{}}`, string(body))

	code, tokBody := post(t, r.base+"/api/v1/oauth/token/", "", `{"username":"alice","password":"Secr3t-pw","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(t, http.StatusOK, code, tokBody)
	tok := gjson.Get(tokBody, "access_token").String()
	code, list := post(t, r.base+"/ES/api/fortiflex/v2/programs/list", tok, "{}")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, int64(2), gjson.Get(list, "programs.#").Int())

	// A state-changing hook saves the state file right away.
	code, _ = post(t, r.base+"/_sim/reset", "", "")
	require.Equal(t, http.StatusOK, code)
	_, err = os.Stat(stateFile)
	require.NoError(t, err, "state saved after a write")

	require.NoError(t, r.stop())
	data, err := os.ReadFile(stateFile)
	require.NoError(t, err)
	assert.Equal(t, int64(1), gjson.GetBytes(data, "version").Int())
	info, err := os.Stat(stateFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(stateFile), ".*tmp*"))
	assert.Empty(t, leftovers, "no temp files left behind")

	logs := r.stderr.String()
	assert.Contains(t, logs, "POST /api/v1/oauth/token/ 200 ")
	assert.Contains(t, logs, "POST /ES/api/fortiflex/v2/programs/list 200 ")
	assert.Contains(t, logs, "GET /_sim/stats 200 ")
	assert.NotContains(t, logs, "Secr3t-pw")
	assert.NotContains(t, logs, tok)
	assert.NotContains(t, logs, gjson.Get(tokBody, "refresh_token").String())
}

func TestRunLoadsStateFile(t *testing.T) {
	// Build a state with only the empty seed's programs and one renamed program.
	s, err := sim.New(sim.Options{Seed: sim.SeedEmpty})
	require.NoError(t, err)
	dump, err := s.Dump()
	require.NoError(t, err)
	dump = bytes.Replace(dump, []byte("ELAVMS0000000518"), []byte("ELAVMS0000000999"), 1)
	stateFile := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(stateFile, dump, 0o600))

	r := start(t, "--user", "u:p", "--state", stateFile)
	code, tokBody := post(t, r.base+"/api/v1/oauth/token/", "", `{"username":"u","password":"p","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(t, http.StatusOK, code)
	code, list := post(t, r.base+"/ES/api/fortiflex/v2/programs/list", gjson.Get(tokBody, "access_token").String(), "")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ELAVMS0000000999", gjson.Get(list, "programs.1.serialNumber").String())
	require.NoError(t, r.stop())
}

func TestRunErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{"), 0o600))
	cases := []struct {
		name  string
		args  []string
		err   string
		usage bool
	}{
		{"missing user", []string{"--listen", "127.0.0.1:0"}, "at least one --user", true},
		{"corrupt state file", []string{"--user", "u:p", "--state", bad}, "--state " + bad + ": sim: load state", false},
		{"port in use", []string{"--user", "u:p", "--listen", busy.Addr().String()}, "address already in use", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tc.args, &out, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
			var ue usageError
			assert.Equal(t, tc.usage, errors.As(err, &ue))
			assert.Empty(t, out.String())
		})
	}
}

func login(t *testing.T, base, user, pw string) string {
	t.Helper()
	code, body := post(t, base+"/api/v1/oauth/token/", "", `{"username":"`+user+`","password":"`+pw+`","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(t, http.StatusOK, code, body)
	return gjson.Get(body, "access_token").String()
}

// Entitlements, redeemed tokens, balances and the clock offset survive a
// restart with --state.
func TestStatePersistsAcrossRestart(t *testing.T) {
	stateFile := filepath.Join(t.TempDir(), "state.json")
	r := start(t, "--user", "u:p", "--state", stateFile)
	tok := login(t, r.base, "u", "p")
	code, body := post(t, r.base+"/ES/api/fortiflex/v2/entitlements/vm/create", tok, `{"configId":5000,"count":1}`)
	require.Equal(t, http.StatusOK, code, body)
	serial := gjson.Get(body, "entitlements.0.serialNumber").String()
	code, body = post(t, r.base+"/_sim/redeem", "", `{"serialNumber":"`+serial+`"}`)
	require.Equal(t, http.StatusOK, code, body)
	code, body = post(t, r.base+"/_sim/clock", "", `{"days":2}`)
	require.Equal(t, http.StatusOK, code, body)

	// Saved right away (not only on exit).
	data, err := os.ReadFile(stateFile)
	require.NoError(t, err)
	assert.Equal(t, int64(2*24*time.Hour), gjson.GetBytes(data, "state.clockOffsetNs").Int())
	require.NoError(t, r.stop())

	r2 := start(t, "--user", "u:p", "--state", stateFile)
	tok = login(t, r2.base, "u", "p")
	code, body = post(t, r2.base+"/ES/api/fortiflex/v2/entitlements/list", tok, `{"configId":5000,"serialNumber":"`+serial+`"}`)
	require.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, "ACTIVE", gjson.Get(body, "entitlements.0.status").String())
	assert.Equal(t, "USED", gjson.Get(body, "entitlements.0.tokenStatus").String())
	code, body = post(t, r2.base+"/ES/api/fortiflex/v2/programs/points", tok, `{}`)
	require.Equal(t, http.StatusOK, code)
	assert.Less(t, gjson.Get(body, "programs.0.pointBalance").Float(), 126652.0)
	res, err := http.Get(r2.base + "/_sim/clock")
	require.NoError(t, err)
	clock, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "48h0m0s", gjson.GetBytes(clock, "offset").String())
}

func TestOneTokenPerUserFlag(t *testing.T) {
	r := start(t, "--user", "u:p", "--one-token-per-user", "--token-ttl", "1h")
	first := login(t, r.base, "u", "p")
	second := login(t, r.base, "u", "p")
	code, _ := post(t, r.base+"/ES/api/fortiflex/v2/programs/list", first, "{}")
	assert.Equal(t, http.StatusUnauthorized, code)
	code, _ = post(t, r.base+"/ES/api/fortiflex/v2/programs/list", second, "{}")
	assert.Equal(t, http.StatusOK, code)
	code, body := post(t, r.base+"/api/v1/oauth/token/", "", `{"username":"u","password":"p","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, int64(3600), gjson.Get(body, "expires_in").Int())
}

func TestUsersFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "users")
	require.NoError(t, os.WriteFile(good, []byte("# API users\nalice:Secr3t:pw\n\nbob:ro-pw:readonly\r\n"), 0o600))
	c, err := parseArgs([]string{"--users-file", good}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, userList{{Name: "alice", Password: "Secr3t:pw"}, {Name: "bob", Password: "ro-pw", ReadOnly: true}}, c.users)

	bad := filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(bad, []byte("alice:Secr3t\nnocolon-secret\n"), 0o600))
	_, err = parseArgs([]string{"--users-file", bad}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), bad+" line 2: want NAME:PASSWORD")
	assert.NotContains(t, err.Error(), "nocolon-secret", "a line holds a password: never quoted")

	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(empty, []byte("# nobody\n"), 0o600))
	_, err = parseArgs([]string{"--users-file", empty}, io.Discard)
	assert.ErrorContains(t, err, empty+" holds no user")
}
