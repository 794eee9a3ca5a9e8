package sim

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var reOAuthToken = regexp.MustCompile(`^[A-Za-z0-9]{30}$`)

func TestPasswordGrantSuccess(t *testing.T) {
	cases := []struct {
		name, path, contentType, body string
	}{
		{"json body with trailing slash", "/api/v1/oauth/token/", "application/json",
			`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`},
		{"json body without trailing slash", "/api/v1/oauth/token", "application/json",
			`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`},
		{"json body labelled as form (curl -d)", "/api/v1/oauth/token/", "application/x-www-form-urlencoded",
			`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`},
		{"form body", "/api/v1/oauth/token/", "application/x-www-form-urlencoded",
			url.Values{"username": {testUser}, "password": {testPassword}, "client_id": {"flexvm"}, "grant_type": {"password"}}.Encode()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r := f.do(http.MethodPost, tc.path, tc.contentType, tc.body, nil)
			require.Equal(t, http.StatusOK, r.code, r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			assert.Regexp(t, reOAuthToken, r.get("access_token").String())
			assert.Regexp(t, reOAuthToken, r.get("refresh_token").String())
			assert.NotEqual(t, r.get("access_token").String(), r.get("refresh_token").String())
			assert.Equal(t, int64(3660), r.get("expires_in").Int())
			assert.Equal(t, "Bearer", r.get("token_type").String())
			assert.Equal(t, "read write", r.get("scope").String())
			assert.Equal(t, "successfully authenticated", r.get("message").String())
			assert.Equal(t, "success", r.get("status").String())

			api := f.api(r.get("access_token").String(), "programs/list", "")
			assert.Equal(t, http.StatusOK, api.code, api.body)
			assert.Equal(t, 1, f.srv.Stats().Logins)
		})
	}
}

func TestPasswordGrantFailures(t *testing.T) {
	cases := []struct {
		name string
		body string
		code int
		want string
	}{
		{"wrong password", `{"username":"api-user","password":"nope","client_id":"flexvm","grant_type":"password"}`,
			401, `{"error":"invalid_grant","error_description":"Invalid credentials given."}`},
		{"unknown user", `{"username":"who","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`,
			401, `{"error":"invalid_grant","error_description":"Invalid credentials given."}`},
		{"wrong client_id", `{"username":"api-user","password":"s3cret-Pw","client_id":"iam","grant_type":"password"}`,
			400, `{"error":"invalid_client","error_description":"Invalid client_id."}`},
		{"missing client_id", `{"username":"api-user","password":"s3cret-Pw","grant_type":"password"}`,
			400, `{"error":"invalid_request","error_description":"Missing client_id parameter."}`},
		{"missing grant_type", `{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm"}`,
			400, `{"error":"invalid_request","error_description":"Missing grant_type parameter."}`},
		{"wrong grant_type", `{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"client_credentials"}`,
			400, `{"error":"unsupported_grant_type","error_description":"Unsupported grant_type; use password or refresh_token."}`},
		{"missing username", `{"password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`,
			400, `{"error":"invalid_request","error_description":"Request is missing username parameter."}`},
		{"missing password", `{"username":"api-user","client_id":"flexvm","grant_type":"password"}`,
			400, `{"error":"invalid_request","error_description":"Request is missing password parameter."}`},
		{"empty body", ``,
			400, `{"error":"invalid_request","error_description":"Missing client_id parameter."}`},
		{"malformed json", `{"username":`,
			400, `{"error":"invalid_request","error_description":"Malformed request body."}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r := f.tokenJSON(tc.body)
			assert.Equal(t, tc.code, r.code)
			assert.JSONEq(t, tc.want, r.body)
			assert.NotContains(t, r.body, testPassword)
			assert.Equal(t, 0, f.srv.Stats().Logins)
			assert.Equal(t, 1, f.srv.Stats().Requests["oauth/token"])
		})
	}
}

func TestTokenEndpointMethod(t *testing.T) {
	f := newFixture(t)
	r := f.do(http.MethodGet, "/api/v1/oauth/token/", "", "", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, r.code)
	assert.Equal(t, "invalid_request", r.get("error").String())
}

func TestRefreshGrantRotation(t *testing.T) {
	f := newFixture(t)
	first := f.tokenJSON(`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`)
	require.Equal(t, http.StatusOK, first.code)
	access1, refresh1 := first.get("access_token").String(), first.get("refresh_token").String()

	// Refresh works on an expired access token too.
	f.clock.Advance(2 * time.Hour)
	require.Equal(t, http.StatusUnauthorized, f.api(access1, "programs/list", "{}").code)

	second := f.tokenJSON(`{"client_id":"flexvm","grant_type":"refresh_token","refresh_token":"` + refresh1 + `"}`)
	require.Equal(t, http.StatusOK, second.code, second.body)
	access2, refresh2 := second.get("access_token").String(), second.get("refresh_token").String()
	assert.Regexp(t, reOAuthToken, access2)
	assert.NotEqual(t, access1, access2)
	assert.NotEqual(t, refresh1, refresh2)
	assert.Equal(t, "successfully authenticated", second.get("message").String())
	assert.Equal(t, http.StatusOK, f.api(access2, "programs/list", "{}").code)

	cases := []struct {
		name, body string
		code       int
		want       string
	}{
		{"refresh token is single-use", `{"client_id":"flexvm","grant_type":"refresh_token","refresh_token":"` + refresh1 + `"}`,
			401, `{"error":"invalid_grant","error_description":"Invalid refresh token."}`},
		{"unknown refresh token", `{"client_id":"flexvm","grant_type":"refresh_token","refresh_token":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`,
			401, `{"error":"invalid_grant","error_description":"Invalid refresh token."}`},
		{"missing refresh token", `{"client_id":"flexvm","grant_type":"refresh_token"}`,
			400, `{"error":"invalid_request","error_description":"Missing refresh_token parameter."}`},
		{"wrong client", `{"client_id":"iam","grant_type":"refresh_token","refresh_token":"` + refresh2 + `"}`,
			400, `{"error":"invalid_client","error_description":"Invalid client_id."}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.tokenJSON(tc.body)
			assert.Equal(t, tc.code, r.code)
			assert.JSONEq(t, tc.want, r.body)
		})
	}
	st := f.srv.Stats()
	assert.Equal(t, 1, st.Logins)
	assert.Equal(t, 1, st.Refreshes)
}

func TestRefreshRevokesOldAccessToken(t *testing.T) {
	f := newFixture(t)
	first := f.tokenJSON(`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`)
	second := f.tokenJSON(`{"client_id":"flexvm","grant_type":"refresh_token","refresh_token":"` + first.get("refresh_token").String() + `"}`)
	require.Equal(t, http.StatusOK, second.code)
	r := f.api(first.get("access_token").String(), "programs/list", "{}")
	assert.Equal(t, http.StatusUnauthorized, r.code)
	assert.Equal(t, `{"status":-1,"message":"Invalid security token.","error":null}`+"\n", r.body)
}

func TestTokenExpiry(t *testing.T) {
	cases := []struct {
		name    string
		ttl     time.Duration
		advance time.Duration
		code    int
	}{
		{"fresh token", 0, 0, http.StatusOK},
		{"one second before expiry", 0, 3659 * time.Second, http.StatusOK},
		{"at expiry", 0, 3660 * time.Second, http.StatusUnauthorized},
		{"long after expiry", 0, 24 * time.Hour, http.StatusUnauthorized},
		{"custom TTL expired", time.Minute, 61 * time.Second, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, func(o *Options) { o.TokenTTL = tc.ttl })
			tok := f.login(testUser, testPassword)
			f.clock.Advance(tc.advance)
			r := f.api(tok, "programs/list", "{}")
			assert.Equal(t, tc.code, r.code, r.body)
			if tc.code == http.StatusUnauthorized {
				assert.Equal(t, `{"status":-1,"message":"Invalid security token.","error":null}`+"\n", r.body)
			}
		})
	}
}

func TestOneTokenPerUser(t *testing.T) {
	cases := []struct {
		name      string
		oneToken  bool
		firstCode int
	}{
		{"default keeps earlier tokens", false, http.StatusOK},
		{"OneTokenPerUser revokes earlier tokens", true, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, func(o *Options) { o.OneTokenPerUser = tc.oneToken })
			t1 := f.login(testUser, testPassword)
			other := f.login(roUser, roPassword)
			t2 := f.login(testUser, testPassword)
			assert.Equal(t, tc.firstCode, f.api(t1, "programs/list", "").code)
			assert.Equal(t, http.StatusOK, f.api(t2, "programs/list", "").code)
			assert.Equal(t, http.StatusOK, f.api(other, "programs/list", "").code, "other users keep their token")
		})
	}
}

func TestVerifyToken(t *testing.T) {
	f := newFixture(t)
	tok := f.login(testUser, testPassword)
	f.clock.Advance(60 * time.Second)
	cases := []struct {
		name, method, query, auth string
		code                      int
		want                      string
	}{
		{"valid", http.MethodGet, "?client_id=flexvm", "Bearer " + tok, 200,
			`{"client_id":"flexvm","expires_in":3600,"scope":"read write","token_type":"Bearer","message":"token is valid","status":"success"}`},
		{"no client_id query", http.MethodGet, "", "Bearer " + tok, 200,
			`{"client_id":"flexvm","expires_in":3600,"scope":"read write","token_type":"Bearer","message":"token is valid","status":"success"}`},
		{"unknown token", http.MethodGet, "?client_id=flexvm", "Bearer nope", 401,
			`{"error":"invalid_token","error_description":"Invalid or expired token."}`},
		{"no header", http.MethodGet, "?client_id=flexvm", "", 401,
			`{"error":"invalid_token","error_description":"Invalid or expired token."}`},
		{"wrong client", http.MethodGet, "?client_id=iam", "Bearer " + tok, 400,
			`{"error":"invalid_client","error_description":"Invalid client_id."}`},
		{"POST not allowed", http.MethodPost, "?client_id=flexvm", "Bearer " + tok, 405,
			`{"error":"invalid_request","error_description":"Method not allowed."}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.auth != "" {
				h["Authorization"] = tc.auth
			}
			r := f.do(tc.method, "/api/v1/oauth/verify_token/"+tc.query, "", "", h)
			assert.Equal(t, tc.code, r.code)
			assert.JSONEq(t, tc.want, r.body)
		})
	}
	t.Run("expired", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		r := f.do(http.MethodGet, "/api/v1/oauth/verify_token/?client_id=flexvm", "", "", map[string]string{"Authorization": "Bearer " + tok})
		assert.Equal(t, http.StatusUnauthorized, r.code)
	})
	assert.Equal(t, 7, f.srv.Stats().Requests["oauth/verify_token"])
}

func TestRevokeToken(t *testing.T) {
	f := newFixture(t)
	first := f.tokenJSON(`{"username":"api-user","password":"s3cret-Pw","client_id":"flexvm","grant_type":"password"}`)
	access, refresh := first.get("access_token").String(), first.get("refresh_token").String()
	require.Equal(t, http.StatusOK, f.api(access, "programs/list", "").code)

	cases := []struct {
		name, contentType, body string
		code                    int
		want                    string
	}{
		{"wrong client", "application/json", `{"client_id":"iam","token":"` + access + `"}`, 401,
			`{"error":"invalid_client","error_description":"Invalid client_id."}`},
		{"empty token", "application/json", `{"client_id":"flexvm","token":""}`, 400,
			`{"error":"invalid_request","error_description":"Missing token parameter."}`},
		{"revoke access token (form)", "application/x-www-form-urlencoded", "client_id=flexvm&token=" + access, 200,
			`{"status":"success","message":"token revoked"}`},
		{"unknown token is fine", "application/json", `{"client_id":"flexvm","token":"whatever"}`, 200,
			`{"status":"success","message":"token revoked"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(http.MethodPost, "/api/v1/oauth/revoke_token/", tc.contentType, tc.body, nil)
			assert.Equal(t, tc.code, r.code)
			assert.JSONEq(t, tc.want, r.body)
		})
	}
	assert.Equal(t, http.StatusUnauthorized, f.api(access, "programs/list", "").code)
	// The refresh token of a revoked pair is gone too.
	r := f.tokenJSON(`{"client_id":"flexvm","grant_type":"refresh_token","refresh_token":"` + refresh + `"}`)
	assert.Equal(t, http.StatusUnauthorized, r.code)
}

func TestUnknownOAuthEndpoint(t *testing.T) {
	f := newFixture(t)
	r := f.do(http.MethodPost, "/api/v1/oauth/authorize/", "", "", nil)
	assert.Equal(t, http.StatusNotFound, r.code)
	assert.Equal(t, 1, f.srv.Stats().Requests["oauth/authorize"])
}
