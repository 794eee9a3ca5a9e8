package fortiflex

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func newStore(t *testing.T) *FileTokenStore {
	t.Helper()
	s, err := NewFileTokenStore(filepath.Join(t.TempDir(), "tokens"))
	require.NoError(t, err)
	return s
}

func unixOnly(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "aix" || runtime.GOOS == "solaris" {
		t.Skip("needs Unix permissions and flock")
	}
}

func TestDefaultTokenCacheDir(t *testing.T) {
	t.Setenv("HOME", "/home/alice")
	t.Setenv("XDG_CACHE_HOME", "/var/cache/alice")
	d, err := DefaultTokenCacheDir()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("/var/cache/alice", "flexgo-fortiflexvm", "tokens"), d)

	t.Setenv("XDG_CACHE_HOME", "relative/cache") // not absolute: ignored, as XDG says
	if runtime.GOOS != "windows" && runtime.GOOS != "plan9" {
		d, err = DefaultTokenCacheDir()
		require.NoError(t, err)
		assert.Equal(t, filepath.Join("/home/alice", ".cache", "flexgo-fortiflexvm", "tokens"), d)

		t.Setenv("XDG_CACHE_HOME", "")
		t.Setenv("HOME", "")
		_, err = DefaultTokenCacheDir()
		assert.Error(t, err)
	}
}

func TestNewFileTokenStoreDirectory(t *testing.T) {
	unixOnly(t)
	base := t.TempDir()

	t.Run("creates a private directory and its parents", func(t *testing.T) {
		dir := filepath.Join(base, "a", "b", "tokens")
		s, err := NewFileTokenStore(dir)
		require.NoError(t, err)
		assert.Equal(t, dir, s.Dir())
		fi, err := os.Stat(dir)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
	})
	t.Run("relative path is made absolute", func(t *testing.T) {
		t.Chdir(base)
		s, err := NewFileTokenStore("rel")
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(base, "rel"), s.Dir())
	})
	t.Run("existing readable directory is accepted", func(t *testing.T) {
		dir := filepath.Join(base, "readable")
		require.NoError(t, os.Mkdir(dir, 0o700))
		require.NoError(t, os.Chmod(dir, 0o755))
		_, err := NewFileTokenStore(dir)
		require.NoError(t, err)
	})
	for _, mode := range []os.FileMode{0o777, 0o770, 0o702, 0o1777} {
		t.Run(fmt.Sprintf("refuses mode %04o", mode), func(t *testing.T) {
			dir := filepath.Join(base, fmt.Sprintf("open%o", mode))
			require.NoError(t, os.Mkdir(dir, 0o700))
			require.NoError(t, os.Chmod(dir, mode))
			_, err := NewFileTokenStore(dir)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidOption)
			assert.Contains(t, err.Error(), "is writable by group or others")
			assert.Contains(t, err.Error(), "chmod 700")
		})
	}
	t.Run("refuses another user's directory", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("needs root to chown")
		}
		dir := filepath.Join(base, "theirs")
		require.NoError(t, os.Mkdir(dir, 0o700))
		require.NoError(t, os.Chown(dir, 65534, 65534))
		_, err := NewFileTokenStore(dir)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrInvalidOption)
		assert.Contains(t, err.Error(), "belongs to another user")
	})
	t.Run("refuses a file", func(t *testing.T) {
		p := filepath.Join(base, "file")
		require.NoError(t, os.WriteFile(p, nil, 0o600))
		_, err := NewFileTokenStore(p)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "is not a directory")
	})
	t.Run("refuses an empty path", func(t *testing.T) {
		_, err := NewFileTokenStore(" ")
		assert.ErrorIs(t, err, ErrInvalidOption)
	})
}

func TestFileTokenStoreSaveLoadClear(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	_, ok, err := s.Load(ctx, testKey)
	require.NoError(t, err)
	assert.False(t, ok, "no file, no token")

	now := time.Date(2025, 6, 1, 12, 0, 0, 123456789, time.UTC)
	tok := Token{AccessToken: "Access0123456789", RefreshToken: "Refresh0123456789", ObtainedAt: now, ExpiresAt: now.Add(3660 * time.Second)}
	require.NoError(t, s.Save(ctx, testKey, tok))
	got, ok, err := s.Load(ctx, testKey)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, tok.AccessToken, got.AccessToken)
	assert.Equal(t, tok.RefreshToken, got.RefreshToken)
	assert.True(t, tok.ObtainedAt.Equal(got.ObtainedAt))
	assert.True(t, tok.ExpiresAt.Equal(got.ExpiresAt))

	p := filepath.Join(s.Dir(), testKey+".json")
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	}
	entries, err := os.ReadDir(s.Dir())
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")

	require.NoError(t, s.Clear(ctx, testKey))
	_, ok, err = s.Load(ctx, testKey)
	require.NoError(t, err)
	assert.False(t, ok)
	require.NoError(t, s.Clear(ctx, testKey), "clearing nothing is fine")
}

func TestFileTokenStoreRejectsBadKeys(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for _, key := range []string{"", "../escape", "a/b", "a.b", strings.Repeat("a", 129), "ключ"} {
		_, _, err := s.Load(ctx, key)
		assert.Error(t, err, "%q", key)
		assert.Error(t, s.Save(ctx, key, Token{AccessToken: "x", ExpiresAt: time.Now()}), "%q", key)
		assert.Error(t, s.Clear(ctx, key), "%q", key)
		_, err = s.Lock(ctx, key)
		assert.Error(t, err, "%q", key)
	}
}

func TestFileTokenStoreCorruptFiles(t *testing.T) {
	valid := `{"version":1,"access_token":"A","refresh_token":"R","obtained_at":"2025-01-01T00:00:00Z","expires_at":"2999-01-01T00:00:00Z"}`
	tests := []struct {
		name    string
		content string
		dir     bool
	}{
		{"garbage", "\x00\x01garbage", false},
		{"empty", "", false},
		{"truncated", valid[:40], false},
		{"wrong version", strings.Replace(valid, `"version":1`, `"version":9`, 1), false},
		{"no access token", strings.Replace(valid, `"access_token":"A"`, `"access_token":""`, 1), false},
		{"no expiry", strings.Replace(valid, `,"expires_at":"2999-01-01T00:00:00Z"`, ``, 1), false},
		{"wrong types", `{"version":"1","access_token":5}`, false},
		{"a directory", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
			s := newStore(t)
			key := Fingerprint(f.srv.URL+authPath, testUser, testPassword)
			p := filepath.Join(s.Dir(), key+".json")
			if tt.dir {
				require.NoError(t, os.Mkdir(p, 0o700))
			} else {
				require.NoError(t, os.WriteFile(p, []byte(tt.content), 0o600))
			}
			_, ok, _ := s.Load(context.Background(), key)
			assert.False(t, ok, "a corrupt file is no token")

			c := f.client(func(o *Options) { o.TokenStore = s })
			_, err := c.ProgramsList(context.Background())
			require.NoError(t, err, "a corrupt cache never fails the call")
			assert.Equal(t, 1, f.grantCount("password"))
			if !tt.dir {
				tok, ok, err := s.Load(context.Background(), key)
				require.NoError(t, err)
				require.True(t, ok, "the corrupt file was replaced")
				assert.Equal(t, f.lastToken, tok.AccessToken)
			}
		})
	}
}

// Readers never see part of a file while writers replace it.
func TestFileTokenStoreAtomicReplace(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	p := filepath.Join(s.Dir(), testKey+".json")
	big := strings.Repeat("R", 32<<10) // large enough to need several writes
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				tok := Token{AccessToken: fmt.Sprintf("A%d-%d", w, i), RefreshToken: big, ObtainedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}
				assert.NoError(t, s.Save(ctx, testKey, tok))
			}
		}()
	}
	deadline := time.Now().Add(300 * time.Millisecond)
	reads := 0
	for time.Now().Before(deadline) {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		tok, err := parseTokenFile(b)
		require.NoError(t, err, "read %d bytes that are not a whole token file", len(b))
		require.Equal(t, big, tok.RefreshToken)
		_, ok, err := s.Load(ctx, testKey)
		require.NoError(t, err)
		require.True(t, ok)
		reads++
	}
	close(stop)
	wg.Wait()
	assert.Positive(t, reads)
	entries, err := os.ReadDir(s.Dir())
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

func TestFileTokenStoreLock(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	unlock, err := s.Lock(ctx, testKey)
	require.NoError(t, err)

	short, cancel := context.WithTimeout(ctx, 60*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.Lock(short, testKey)
	assert.Equal(t, context.DeadlineExceeded, err, "a held lock waits, honouring ctx")
	assert.Less(t, time.Since(start), 2*time.Second)

	if runtime.GOOS != "windows" && runtime.GOOS != "aix" && runtime.GOOS != "solaris" {
		// A second store on the same directory stands for another process: flock excludes it.
		other, err := NewFileTokenStore(s.Dir())
		require.NoError(t, err)
		short2, cancel2 := context.WithTimeout(ctx, 60*time.Millisecond)
		defer cancel2()
		_, err = other.Lock(short2, testKey)
		assert.Equal(t, context.DeadlineExceeded, err)

		got := make(chan error, 1)
		go func() {
			u, err := other.Lock(ctx, testKey)
			if err == nil {
				u()
			}
			got <- err
		}()
		time.Sleep(30 * time.Millisecond)
		unlock()
		unlock() // idempotent
		select {
		case err := <-got:
			require.NoError(t, err, "the waiter gets the lock once it is released")
		case <-time.After(5 * time.Second):
			t.Fatal("waiter never got the lock")
		}
	} else {
		unlock()
	}
	u, err := s.Lock(ctx, testKey)
	require.NoError(t, err)
	u()
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(filepath.Join(s.Dir(), testKey+".lock"))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	}
}

// slowLogin holds every password grant a little so that concurrent callers
// pile up behind the first one.
func slowLogin(f *fakeAPI, d time.Duration) {
	f.setLogin(func(w http.ResponseWriter, r *http.Request) {
		body, _ := readAll(r)
		time.Sleep(d)
		f.defaultLogin(w, r, body)
	})
}

func readAll(r *http.Request) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r.Body)
	return b.Bytes(), err
}

func TestFileTokenStoreSharedByManyClients(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	slowLogin(f, 100*time.Millisecond)
	dir := filepath.Join(t.TempDir(), "tokens")

	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	clients := make([]*Client, n)
	for i := range n {
		// Each client has its own memory and its own store value: only the
		// directory is shared, as between processes.
		s, err := NewFileTokenStore(dir)
		require.NoError(t, err)
		clients[i] = f.client(func(o *Options) { o.TokenStore = s })
	}
	start := make(chan struct{})
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := c.ProgramsList(context.Background())
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.grantCount("password"), "fifty clients, one login")
	assert.Equal(t, 0, f.grantCount("refresh_token"))
	assert.Equal(t, n, f.hitCount("programs/list"))
	logins := 0
	for _, c := range clients {
		logins += c.Stats().Logins
	}
	assert.Equal(t, 1, logins)
	assertNoCredentialsInDir(t, dir)
}

// assertNoCredentialsInDir checks that neither the password nor the username
// appears in any name or content under dir.
func assertNoCredentialsInDir(t *testing.T, dir string) {
	t.Helper()
	files := 0
	require.NoError(t, filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		require.NoError(t, err)
		assert.NotContains(t, p, testPassword)
		assert.NotContains(t, p, testUser)
		if fi.Mode().IsRegular() {
			files++
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.NotContains(t, string(b), testPassword, p)
			assert.NotContains(t, string(b), testUser, p)
		}
		return nil
	}))
	assert.Positive(t, files)
}

// Environment of TestHelperProcess.
const (
	helperEnv    = "FORTIFLEX_TEST_HELPER_PROCESS"
	helperURLEnv = "FORTIFLEX_TEST_HELPER_URL"
	helperDirEnv = "FORTIFLEX_TEST_HELPER_DIR"
)

// TestHelperProcess is not a test: TestFileTokenStoreAcrossProcesses runs the
// test binary again with it, once per child process. Each child makes one
// call with a FileTokenStore in the shared directory.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	url, dir := os.Getenv(helperURLEnv), os.Getenv(helperDirEnv)
	err := func() error {
		s, err := NewFileTokenStore(dir)
		if err != nil {
			return err
		}
		c, err := New(Options{Username: testUser, Password: testPassword, AuthURL: url + authPath, APIURL: url + "/ES/api/",
			TokenStore: s, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err = c.ProgramsList(ctx)
		return err
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

func TestFileTokenStoreAcrossProcesses(t *testing.T) {
	if os.Getenv(helperEnv) == "1" {
		t.Skip("inside a helper process")
	}
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	slowLogin(f, 300*time.Millisecond)
	dir := filepath.Join(t.TempDir(), "tokens")

	const n = 50
	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	for i := range n {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"=1", helperURLEnv+"="+f.srv.URL, helperDirEnv+"="+dir)
		outs[i] = &bytes.Buffer{}
		cmd.Stdout, cmd.Stderr = outs[i], outs[i]
		require.NoError(t, cmd.Start())
		cmds[i] = cmd
	}
	for i, cmd := range cmds {
		require.NoError(t, cmd.Wait(), "child %d: %s", i, outs[i])
	}
	assert.Equal(t, 1, f.grantCount("password"), "fifty processes, one login")
	assert.Equal(t, 0, f.grantCount("refresh_token"))
	assert.Equal(t, n, f.hitCount("programs/list"))
	assertNoCredentialsInDir(t, dir)
}

// storeToken writes tok under the key of the fake's credentials.
func storeToken(t *testing.T, f *fakeAPI, s *FileTokenStore, tok Token) string {
	t.Helper()
	key := Fingerprint(f.srv.URL+authPath, testUser, testPassword)
	require.NoError(t, s.Save(context.Background(), key, tok))
	return key
}

func TestExpiredCachedTokenIsRefreshed(t *testing.T) {
	tests := []struct {
		name         string
		refreshValid bool
		expiresIn    time.Duration // of the cached token, from now
		wantPassword int
		wantRefresh  int
	}{
		{"expired, refresh works", true, -time.Minute, 0, 1},
		{"inside the renewal margin, refresh works", true, 30 * time.Second, 0, 1},
		{"expired, refresh refused: password grant", false, -time.Minute, 1, 1},
		{"still valid: neither", true, time.Hour, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
			s := newStore(t)
			old := Token{AccessToken: "OldAccess000000000000000000001", RefreshToken: "OldRefresh00000000000000000001",
				ObtainedAt: time.Now().Add(-time.Hour), ExpiresAt: time.Now().Add(tt.expiresIn)}
			if tt.refreshValid {
				f.refreshOK[old.RefreshToken] = true
			}
			if tt.expiresIn > time.Minute {
				f.valid[old.AccessToken] = true
			}
			key := storeToken(t, f, s, old)

			c := f.client(func(o *Options) { o.TokenStore = s })
			_, err := c.ProgramsList(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tt.wantPassword, f.grantCount("password"))
			assert.Equal(t, tt.wantRefresh, f.grantCount("refresh_token"))
			assert.Equal(t, Stats{Logins: tt.wantPassword, Refreshes: tt.wantRefresh, Requests: 1 + tt.wantPassword + tt.wantRefresh}, c.Stats())

			got, ok, err := s.Load(context.Background(), key)
			require.NoError(t, err)
			require.True(t, ok)
			if tt.wantRefresh+tt.wantPassword == 0 {
				assert.Equal(t, old.AccessToken, got.AccessToken)
				return
			}
			assert.Equal(t, f.lastToken, got.AccessToken, "the new pair is saved")
			assert.NotEqual(t, old.RefreshToken, got.RefreshToken, "refresh tokens rotate")
			assert.True(t, got.Valid(time.Now()))
			if tt.wantRefresh == 1 {
				refreshes := 0
				for _, r := range f.requestsTo(authPath) {
					var body map[string]any
					require.NoError(t, json.Unmarshal(r.Body, &body))
					if body["grant_type"] == "refresh_token" {
						refreshes++
						assert.Equal(t, map[string]any{"client_id": "flexvm", "grant_type": "refresh_token", "refresh_token": old.RefreshToken}, body)
					}
				}
				assert.Equal(t, 1, refreshes)
			}
		})
	}
}

func TestRefreshFailuresFallBackToPassword(t *testing.T) {
	tests := []struct {
		name    string
		refresh http.HandlerFunc
	}{
		{"answer without tokens", respond(200, `{"status":"failed","message":"invalid refresh token"}`)},
		{"server error", respond(503, `<html>busy</html>`)},
		{"not JSON", respond(200, `<html>`)},
		{"connection reset", resetConn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
			f.setLogin(func(w http.ResponseWriter, r *http.Request) {
				body, _ := readAll(r)
				if bytes.Contains(body, []byte(`"refresh_token"`)) {
					tt.refresh(w, r)
					return
				}
				f.defaultLogin(w, r, body)
			})
			s := newStore(t)
			storeToken(t, f, s, Token{AccessToken: "OldAccess", RefreshToken: "OldRefresh", ObtainedAt: time.Now().Add(-2 * time.Hour), ExpiresAt: time.Now().Add(-time.Hour)})
			c := f.client(func(o *Options) { o.TokenStore = s })
			_, err := c.ProgramsList(context.Background())
			require.NoError(t, err)
			assert.Equal(t, 1, f.grantCount("refresh_token"), "a refresh is never repeated")
			assert.Equal(t, 1, f.grantCount("password"))
			assert.Equal(t, 1, c.Stats().Refreshes)
			assert.Equal(t, 1, c.Stats().Logins)
			for _, l := range f.logLines() {
				assert.NotContains(t, l, "OldRefresh")
				assert.NotContains(t, l, "OldAccess")
			}
		})
	}
}

// A refused token is removed from the file cache and replaced after one new login.
func TestRefusedTokenClearsFileCache(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	s := newStore(t)
	key := Fingerprint(f.srv.URL+authPath, testUser, testPassword)

	c1 := f.client(func(o *Options) { o.TokenStore = s })
	_, err := c1.ProgramsList(context.Background())
	require.NoError(t, err)
	first := f.lastToken

	f.revokeAll() // e.g. the token was superseded or revoked
	var cleared []string
	c2 := f.client(func(o *Options) { o.TokenStore = &spyStore{FileTokenStore: s, cleared: &cleared} })
	_, err = c2.ProgramsList(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []string{key}, cleared, "the refused token was cleared from the cache")
	assert.Equal(t, 2, f.grantCount("password"))
	assert.Equal(t, 0, f.grantCount("refresh_token"), "a refused token is not refreshed: log in again")
	got, ok, err := s.Load(context.Background(), key)
	require.NoError(t, err)
	require.True(t, ok)
	assert.NotEqual(t, first, got.AccessToken)
	assert.Equal(t, f.lastToken, got.AccessToken)
}

// When another process has already stored a newer token, a refused old one
// neither clears it nor causes a login.
func TestRefusedTokenKeepsNewerStoredToken(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	s := newStore(t)
	c1 := f.client(func(o *Options) { o.TokenStore = s })
	_, err := c1.ProgramsList(context.Background())
	require.NoError(t, err)

	// Another process logs in: the server keeps only its token, the file has it.
	f.revokeAll()
	c2 := f.client(func(o *Options) { o.TokenStore = s })
	c2.mu.Lock()
	c2.tok = Token{}
	c2.mu.Unlock()
	require.NoError(t, s.Clear(context.Background(), c2.storeKey))
	_, err = c2.ProgramsList(context.Background())
	require.NoError(t, err)
	newer := f.lastToken
	require.Equal(t, 2, f.grantCount("password"))

	// c1 still holds the old token in memory: refused, then the newer one is adopted.
	_, err = c1.ProgramsList(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 2, f.grantCount("password"), "no third login")
	got, ok, err := s.Load(context.Background(), c1.storeKey)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, newer, got.AccessToken)
}

// spyStore records Clear calls.
type spyStore struct {
	*FileTokenStore
	cleared *[]string
}

func (s *spyStore) Clear(ctx context.Context, key string) error {
	*s.cleared = append(*s.cleared, key)
	return s.FileTokenStore.Clear(ctx, key)
}

// FuzzTokenFile feeds arbitrary bytes to the token file parser: no panic; a
// parsed token has an access token and an expiry.
func FuzzTokenFile(f *testing.F) {
	f.Add([]byte(`{"version":1,"access_token":"A","refresh_token":"R","obtained_at":"2025-01-01T00:00:00Z","expires_at":"2025-01-01T01:01:00Z"}`))
	f.Add([]byte(`{"version":1,"access_token":"A"}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`garbage`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		tok, err := parseTokenFile(b)
		if err != nil {
			return
		}
		require.NotEmpty(t, tok.AccessToken)
		require.False(t, tok.ExpiresAt.IsZero())
	})
}
