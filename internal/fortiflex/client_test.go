package fortiflex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewValidatesOptions(t *testing.T) {
	base := Options{Username: "u", Password: "p"}
	tests := []struct {
		name    string
		mod     func(*Options)
		wantErr string
	}{
		{"ok with defaults", func(*Options) {}, ""},
		{"missing username", func(o *Options) { o.Username = "  " }, "username is required"},
		{"missing password", func(o *Options) { o.Password = "" }, "password is required"},
		{"auth url not http", func(o *Options) { o.AuthURL = "ftp://x/" }, "auth_url must be an http:// or https:// URL"},
		{"auth url no host", func(o *Options) { o.AuthURL = "https:///path" }, "auth_url has no host"},
		{"api url relative", func(o *Options) { o.APIURL = "support.fortinet.com/ES/api/" }, "api_url must be an http:// or https:// URL"},
		{"api url bad", func(o *Options) { o.APIURL = "http://[::1" }, "api_url is not a valid URL"},
		{"api url with credentials", func(o *Options) { o.APIURL = "https://u:p@host/" }, "api_url must not contain credentials"},
		{"negative timeout", func(o *Options) { o.Timeout = -1 }, "timeout"},
		{"min above max", func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = time.Minute, time.Second }, "retry_wait_min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			tt.mod(&o)
			c, err := New(o)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Equal(t, DefaultAuthURL, c.authURL)
				assert.Equal(t, DefaultAPIURL, c.apiURL)
				assert.Equal(t, DefaultMaxRetries, c.maxRetries)
				assert.Equal(t, DefaultTimeout, c.http.Timeout)
				assert.Equal(t, Stats{}, c.Stats(), "New does no I/O")
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidOption)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestNewNormalisesURLs(t *testing.T) {
	c, err := New(Options{Username: "u", Password: "p", AuthURL: "http://127.0.0.1:1/api/v1/oauth/token", APIURL: "http://127.0.0.1:1/ES/api"})
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/api/v1/oauth/token/", c.authURL)
	assert.Equal(t, "http://127.0.0.1:1/ES/api/fortiflex/v2/programs/list", c.endpointURL(epProgramsList))
	assert.Equal(t, "http://127.0.0.1:1/ES/api/flexvm/v1/groups/list", c.endpointURL(endpoint{op: "groups/list", v1: true}))
}

func TestLoginAndListRequestShape(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	c := f.client(func(o *Options) { o.UserAgent = "test-agent/1" })

	got, err := c.ProgramsList(context.Background())
	require.NoError(t, err)
	assert.Equal(t, wantPrograms, got)

	logins := f.requestsTo(authPath)
	require.Len(t, logins, 1)
	var body map[string]any
	require.NoError(t, json.Unmarshal(logins[0].Body, &body))
	assert.Equal(t, map[string]any{"username": testUser, "password": testPassword, "client_id": "flexvm", "grant_type": "password"}, body)
	assert.Equal(t, http.MethodPost, logins[0].Method)
	assert.Equal(t, "application/json", logins[0].Header.Get("Content-Type"))
	assert.Empty(t, logins[0].Header.Get("Authorization"))

	calls := f.requestsTo(apiPrefix + "programs/list")
	require.Len(t, calls, 1)
	assert.Equal(t, http.MethodPost, calls[0].Method)
	assert.Equal(t, "{}", string(calls[0].Body))
	assert.Equal(t, "Bearer "+f.lastToken, calls[0].Header.Get("Authorization"))
	assert.Equal(t, "application/json", calls[0].Header.Get("Content-Type"))
	assert.Equal(t, "application/json", calls[0].Header.Get("Accept"))
	assert.Equal(t, "test-agent/1", calls[0].Header.Get("User-Agent"))

	// A second call reuses the token.
	_, err = c.ProgramsList(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, f.loginCount())
	assert.Equal(t, Stats{Logins: 1, Requests: 3}, c.Stats())
}

func TestBadCredentials(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		wantMsg string
	}{
		{"401 with error_description", 401, `{"error":"invalid_grant","error_description":"Invalid credentials given."}`,
			"login failed: invalid credentials (HTTP 401): Invalid credentials given."},
		{"401 with message only", 401, `{"status":"failed","message":"Bad username or password"}`,
			"login failed: invalid credentials (HTTP 401): Bad username or password"},
		{"400 invalid_grant", 400, `{"error":"invalid_grant"}`,
			"login failed: invalid credentials (HTTP 400): invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.login = respond(tt.status, tt.body)
			c := f.client()
			_, err := c.ProgramsList(context.Background())
			require.Error(t, err)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.ErrorIs(t, err, ErrInvalidCredentials)
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.status, fe.HTTPStatus)
			assert.Equal(t, 1, f.loginCount(), "bad credentials are not retried")
			assert.Equal(t, 0, f.hitCount("programs/list"))
		})
	}
}

func TestLoginServerErrors(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantLogins int
		wantIs     error
		wantSub    string
	}{
		{"503 retried then ok", sequence(respond(503, `<html>busy</html>`), nil), 2, nil, ""},
		{"no access_token", respond(200, `{"status":"success","message":"huh"}`), 1, ErrUnexpectedResponse, "login failed: HTTP 200: response has no access_token"},
		{"403 forbidden", respond(403, `{"error":"access_denied","error_description":"User has no FortiFlex access"}`), 1, ErrForbidden, "login failed: HTTP 403: User has no FortiFlex access"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
			h := tt.handler
			f.login = func(w http.ResponseWriter, r *http.Request) {
				if tt.wantIs == nil && f.loginCount() > 1 {
					f.defaultLogin(w, r, []byte(fmt.Sprintf(`{"username":%q,"password":%q,"client_id":"flexvm","grant_type":"password"}`, testUser, testPassword)))
					return
				}
				h(w, r)
			}
			c := f.client()
			_, err := c.ProgramsList(context.Background())
			assert.Equal(t, tt.wantLogins, f.loginCount())
			if tt.wantIs == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.wantIs)
			assert.Contains(t, err.Error(), tt.wantSub)
		})
	}
}

func TestConcurrentCallsShareOneLogin(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	slow := make(chan struct{})
	f.login = func(w http.ResponseWriter, r *http.Request) {
		<-slow // hold the login so that every goroutine queues behind it
		f.defaultLogin(w, r, []byte(fmt.Sprintf(`{"username":%q,"password":%q,"client_id":"flexvm","grant_type":"password"}`, testUser, testPassword)))
	}
	c := f.client()

	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ProgramsList(context.Background())
			errs <- err
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(slow)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.loginCount())
	assert.Equal(t, n, f.hitCount("programs/list"))
	assert.Equal(t, 1, c.Stats().Logins)
}

// fakeClock is a settable clock for token expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	tests := []struct {
		name          string
		expiresIn     int
		advance       time.Duration
		wantLogins    int
		wantRefreshes int
	}{
		{"well within lifetime", 3660, 3000 * time.Second, 1, 0},
		{"59 s before the 60 s renewal margin", 3660, 3599 * time.Second, 1, 0},
		{"inside the 60s renewal margin", 3660, 3601 * time.Second, 1, 1},
		{"past expiry", 3660, 2 * time.Hour, 1, 1},
		{"short lifetime renews at half", 60, 29 * time.Second, 1, 0},
		{"short lifetime past half", 60, 31 * time.Second, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.expiresIn = tt.expiresIn
			f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
			c := f.client()
			clock := &fakeClock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
			c.now = clock.Now

			_, err := c.ProgramsList(context.Background())
			require.NoError(t, err)
			clock.Advance(tt.advance)
			_, err = c.ProgramsList(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tt.wantLogins, f.grantCount("password"))
			assert.Equal(t, tt.wantRefreshes, f.grantCount("refresh_token"), "an expiring token is renewed with its refresh token")
			assert.Equal(t, tt.wantLogins, c.Stats().Logins)
			assert.Equal(t, tt.wantRefreshes, c.Stats().Refreshes)
			assert.Equal(t, 2, f.hitCount("programs/list"), "no call was refused")
		})
	}
}

func TestInvalidSecurityToken(t *testing.T) {
	invalid401 := respond(401, `{"status":-1,"message":"Invalid security token.","error":null}`)
	invalid200 := respond(200, `{"status":"-1","message":"Invalid security token.","error":null}`)
	ok := respond(200, okBody("programs", programsPayload))
	tests := []struct {
		name         string
		handler      http.HandlerFunc
		wantErr      bool
		wantLogins   int
		wantAPIHits  int
		wantAttempts int
	}{
		{"401 once, then ok", sequence(invalid401, ok), false, 2, 2, 0},
		{"HTTP 200 status -1, then ok", sequence(invalid200, ok), false, 2, 2, 0},
		{"refused twice: second failure returned", invalid401, true, 2, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", tt.handler)
			c := f.client()
			got, err := c.ProgramsList(context.Background())
			assert.Equal(t, tt.wantLogins, f.loginCount())
			assert.Equal(t, tt.wantAPIHits, f.hitCount("programs/list"))
			if !tt.wantErr {
				require.NoError(t, err)
				assert.Equal(t, wantPrograms, got)
				calls := f.requestsTo(apiPrefix + "programs/list")
				assert.NotEqual(t, calls[0].Header.Get("Authorization"), calls[1].Header.Get("Authorization"), "retried with the new token")
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnauthorized)
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, 401, fe.HTTPStatus)
			assert.Equal(t, -1, fe.Status)
			assert.Equal(t, tt.wantAttempts, fe.Attempts)
			assert.Equal(t, "programs/list: HTTP 401: Invalid security token. (2 attempts)", err.Error())
		})
	}
}

func TestTokenRevokedElsewhereRecovers(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	c := f.client()
	_, err := c.ProgramsList(context.Background())
	require.NoError(t, err)

	f.revokeAll() // e.g. another process logged in with the same API user
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ProgramsList(context.Background())
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, 2, f.loginCount(), "twenty refused calls share one re-login")
}

// countingStore is a TokenStore shared by two clients, as a file cache would be.
type countingStore struct {
	MemoryTokenStore
	mu    sync.Mutex
	locks int
}

func (s *countingStore) Lock(context.Context, string) (func(), error) {
	s.mu.Lock()
	s.locks++
	s.mu.Unlock()
	return func() {}, nil
}

func TestTokenStoreSharedBetweenClients(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	store := &countingStore{}
	c1 := f.client(func(o *Options) { o.TokenStore = store })
	c2 := f.client(func(o *Options) { o.TokenStore = store })

	_, err := c1.ProgramsList(context.Background())
	require.NoError(t, err)
	_, err = c2.ProgramsList(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, f.loginCount(), "the second client reuses the stored token")
	assert.Equal(t, 1, store.locks)

	key := Fingerprint(c1.authURL, testUser, testPassword)
	assert.NotContains(t, key, testPassword)
	assert.NotContains(t, key, testUser)
	tok, ok, err := store.Load(context.Background(), key)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, f.lastToken, tok.AccessToken)
	assert.NotEqual(t, key, Fingerprint(c1.authURL, testUser, testPassword+"x"))
	assert.NotEqual(t, key, Fingerprint("http://other/", testUser, testPassword))
}

func TestNoSecretInErrorsOrLogs(t *testing.T) {
	const access, refresh = "LeakyAccessToken0123456789abc", "LeakyRefreshToken0123456789ab"
	loginOK := respond(200, fmt.Sprintf(`{"access_token":%q,"refresh_token":%q,"expires_in":3660,"status":"success"}`, access, refresh))
	tests := []struct {
		name  string
		login http.HandlerFunc
		api   http.HandlerFunc
	}{
		{"401 echoing the password", respond(401, fmt.Sprintf(`{"error":"invalid_grant","error_description":"bad password %s"}`, testPassword)), nil},
		{"login 500 HTML echoing the password", respond(500, "<html><body>password="+testPassword+"</body></html>"), nil},
		{"login 200 truncated JSON with the token", respond(200, fmt.Sprintf(`{"access_token":%q,"refresh_token":%q,"expi`, access, refresh)), nil},
		{"login 200 without access_token", respond(200, fmt.Sprintf(`{"refresh_token":%q,"message":"%s"}`, refresh, refresh)), nil},
		{"API echoing the bearer", loginOK, respond(400, fmt.Sprintf(`{"status":-1,"message":"token %s refused","error":{"errorCode":7,"token":%q}}`, access, access))},
		{"API HTML echoing tokens", loginOK, respond(500, "<html>"+access+" "+refresh+"</html>")},
		{"API refuses the token twice", loginOK, respond(401, `{"status":-1,"message":"Invalid security token.","error":null}`)},
		{"API reset", loginOK, resetConn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.login = tt.login
			f.valid[access] = true
			if tt.api != nil {
				f.handle("programs/list", tt.api)
			}
			c := f.client(func(o *Options) { o.MaxRetries = 1 })
			_, err := c.ProgramsList(context.Background())
			require.Error(t, err)

			var texts []string
			texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
			var fe *Error
			if errors.As(err, &fe) {
				texts = append(texts, fe.Message, string(fe.Raw))
			}
			texts = append(texts, f.logLines()...)
			texts = append(texts, fmt.Sprintf("%v %+v %#v", c, c, c))
			texts = append(texts, fmt.Sprintf("%v %+v %#v", c.tok, c.tok, c.tok))
			texts = append(texts, fmt.Sprintf("%v %+v %#v", Options{Password: testPassword}, Options{Password: testPassword}, Options{Password: testPassword}))
			for _, s := range texts {
				for _, secret := range []string{testPassword, access, refresh} {
					assert.NotContains(t, s, secret)
				}
			}
			t.Log(err)
		})
	}
}

func TestLoggerReceivesDebugLines(t *testing.T) {
	f := setup(t)
	f.handle("programs/list", respond(200, okBody("programs", programsPayload)))
	c := f.client()
	_, err := c.ProgramsList(context.Background())
	require.NoError(t, err)
	logs := strings.Join(f.logLines(), "\n")
	assert.Contains(t, logs, "logged in")
	assert.Contains(t, logs, "programs/list")
}

func TestScrubJSONEscapedSecrets(t *testing.T) {
	c, err := New(Options{Username: "u", Password: `pa"ss\word`})
	require.NoError(t, err)
	raw := `{"echo":"pa\"ss\\word"}`
	got := string(c.scrubRaw(raw))
	assert.Equal(t, `{"echo":"<redacted>"}`, got)
	assert.True(t, json.Valid([]byte(got)))
	assert.Nil(t, c.scrubRaw(""))
}
