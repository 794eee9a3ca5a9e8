package fortiflex

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// clientID is the OAuth client id of the FortiFlex portal (spec §2.1).
const clientID = "flexvm"

// defaultTokenLifetime is assumed when the OAuth answer has no usable
// expires_in (spec §2.2: 3660 s for client_id flexvm).
const defaultTokenLifetime = 3660 * time.Second

// accessToken returns a usable access token. When the one in memory is
// missing or about to expire (Token.Valid) it adopts a valid token from the
// store (another client or process may have logged in), else renews: the
// refresh grant when a refresh token is known, the password grant otherwise
// or when the refresh fails. Concurrent callers share one renewal (single
// flight), and a TokenLocker store extends that to other processes.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	c.mu.Lock()
	tok := c.tok
	c.mu.Unlock()
	if tok.Valid(c.now()) {
		return tok.AccessToken, nil
	}

	if err := c.lockLogin(ctx); err != nil {
		return "", err
	}
	defer c.unlockLogin()

	// Someone may have logged in while we waited.
	c.mu.Lock()
	tok = c.tok
	c.mu.Unlock()
	if tok.Valid(c.now()) {
		return tok.AccessToken, nil
	}
	stored, ok := c.loadStored(ctx)
	if ok {
		return stored.AccessToken, nil
	}
	if l, isLocker := c.store.(TokenLocker); isLocker {
		unlock, err := l.Lock(ctx, c.storeKey)
		if err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			c.logf("fortiflex: token store lock failed, logging in without it: %v", c.scrub(err.Error()))
		} else {
			defer unlock()
			if stored, ok = c.loadStored(ctx); ok { // another process logged in
				return stored.AccessToken, nil
			}
		}
	}

	// The stored pair is the newest one (other processes save there); the one
	// in memory is the fallback when the store lost it.
	refreshToken := stored.RefreshToken
	if refreshToken == "" {
		refreshToken = tok.RefreshToken
	}
	tok, err := c.renew(ctx, refreshToken)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.tok = tok
	c.mu.Unlock()
	if err := c.store.Save(ctx, c.storeKey, tok); err != nil {
		c.logf("fortiflex: token store save failed: %v", c.scrub(err.Error()))
	}
	return tok.AccessToken, nil
}

// renew gets a new token: the refresh grant first when refreshToken is set,
// the password grant when there is none or the refresh fails in any way.
func (c *Client) renew(ctx context.Context, refreshToken string) (Token, error) {
	if refreshToken != "" {
		tok, err := c.refresh(ctx, refreshToken)
		if err == nil {
			return tok, nil
		}
		if ctx.Err() != nil {
			return Token{}, ctx.Err()
		}
		c.logf("fortiflex: %v; logging in with the password instead", err)
	}
	return c.login(ctx)
}

// loadStored reads the store. It adopts and returns a valid token (ok true);
// otherwise it returns what is stored, possibly expired, for its refresh
// token. Call with the login lock held.
func (c *Client) loadStored(ctx context.Context) (Token, bool) {
	t, found, err := c.store.Load(ctx, c.storeKey)
	if err != nil {
		c.logf("fortiflex: token store load failed, ignoring it: %v", c.scrub(err.Error()))
		return Token{}, false
	}
	if !found {
		return Token{}, false
	}
	c.addSecret(t.AccessToken)
	c.addSecret(t.RefreshToken)
	if !t.Valid(c.now()) {
		return t, false
	}
	c.mu.Lock()
	c.tok = t
	c.mu.Unlock()
	c.logf("fortiflex: reusing stored token (expires %s)", t.ExpiresAt.UTC().Format(time.RFC3339))
	return t, true
}

// invalidate forgets the token used for a call the API refused, unless
// another goroutine has already replaced it, and clears the store entry if it
// still holds that token (under the store's lock, so that a token another
// process has just saved is not lost).
func (c *Client) invalidate(ctx context.Context, used string) error {
	if err := c.lockLogin(ctx); err != nil {
		return err
	}
	defer c.unlockLogin()
	c.mu.Lock()
	if c.tok.AccessToken == used {
		c.tok = Token{}
	}
	c.mu.Unlock()
	if l, isLocker := c.store.(TokenLocker); isLocker {
		unlock, err := l.Lock(ctx, c.storeKey)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.logf("fortiflex: token store lock failed: %v", c.scrub(err.Error()))
		} else {
			defer unlock()
		}
	}
	if t, ok, err := c.store.Load(ctx, c.storeKey); err == nil && ok && t.AccessToken == used {
		if err := c.store.Clear(ctx, c.storeKey); err != nil {
			c.logf("fortiflex: token store clear failed: %v", c.scrub(err.Error()))
		}
	}
	return nil
}

// lockLogin takes the login mutex, giving up when ctx is done.
func (c *Client) lockLogin(ctx context.Context) error {
	select {
	case c.loginSem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) unlockLogin() { <-c.loginSem }

// loginRequest is the OAuth password grant body (spec §2.2).
type loginRequest struct {
	Username  string `json:"username"`
	Password  string `json:"password"`
	ClientID  string `json:"client_id"`
	GrantType string `json:"grant_type"`
}

// refreshRequest is the OAuth refresh grant body (spec §2.3).
type refreshRequest struct {
	ClientID     string `json:"client_id"`
	GrantType    string `json:"grant_type"`
	RefreshToken string `json:"refresh_token"`
}

// login performs the OAuth password grant. It is safe to repeat, so the
// transport retries it on network errors, 429 and 502/503/504.
func (c *Client) login(ctx context.Context) (Token, error) {
	c.nLogins.Add(1)
	c.logf("fortiflex: logging in to %s", c.authURL)
	body, err := json.Marshal(loginRequest{Username: c.username, Password: c.password, ClientID: clientID, GrantType: "password"})
	if err != nil {
		return Token{}, &Error{Op: opLogin, Message: "encoding request", Err: err}
	}
	return c.grant(ctx, opLogin, body, true, "")
}

// refresh performs the OAuth refresh grant. Refresh tokens rotate (spec
// §2.3): one whose answer was lost may be spent, so it is not retried after
// it may have left; the caller falls back to the password grant instead.
func (c *Client) refresh(ctx context.Context, refreshToken string) (Token, error) {
	c.nRefreshes.Add(1)
	c.addSecret(refreshToken)
	c.logf("fortiflex: renewing the token with the refresh grant")
	body, err := json.Marshal(refreshRequest{ClientID: clientID, GrantType: "refresh_token", RefreshToken: refreshToken})
	if err != nil {
		return Token{}, &Error{Op: opRefresh, Message: "encoding request", Err: err}
	}
	return c.grant(ctx, opRefresh, body, false, refreshToken)
}

// grant sends one OAuth token request and reads the token answer. oldRefresh
// is kept when a refresh answer carries no new refresh token.
func (c *Client) grant(ctx context.Context, op string, body []byte, safe bool, oldRefresh string) (Token, error) {
	start := c.now()
	resp, err := c.roundTrip(ctx, httpRequest{op: op, url: c.authURL, body: body, safe: safe})
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.OutcomeUnknown = false // a token request creates nothing worth looking for
		}
		return Token{}, err
	}

	fail := func(msg string, cause error) (Token, error) {
		e := &Error{Op: op, HTTPStatus: resp.status, Message: c.scrub(msg), Attempts: resp.attempts, Err: cause}
		return Token{}, e
	}

	// A successful body holds the tokens: never quote it.
	if !isJSONObject(resp.body) {
		msg := "response is not a JSON object"
		if resp.status < 200 || resp.status >= 300 {
			if x := excerpt(resp.body, 160); x != "" {
				msg += ": " + x
			}
		}
		return fail(msg, ErrUnexpectedResponse)
	}
	root := gjson.ParseBytes(resp.body)

	if resp.status < 200 || resp.status >= 300 {
		msg := oauthMessage(root)
		code := strings.ToLower(flexString(root.Get("error")))
		if resp.status == http.StatusUnauthorized ||
			(resp.status == http.StatusBadRequest && (code == "invalid_grant" || code == "invalid_client" || code == "unauthorized_client")) {
			e := &Error{Op: op, HTTPStatus: resp.status, Message: c.scrub(msg), Attempts: resp.attempts, Err: ErrInvalidCredentials}
			if r := root.Get("error"); r.Exists() && r.Type != gjson.Null {
				e.Raw = c.scrubRaw(r.Raw)
			}
			return Token{}, e
		}
		if msg == "" {
			msg = http.StatusText(resp.status)
		}
		return fail(msg, nil)
	}

	access := root.Get("access_token")
	if access.Type != gjson.String || access.Str == "" {
		// Do not quote a 2xx body: it may hold a refresh token.
		return fail("response has no access_token", ErrUnexpectedResponse)
	}
	d := newObjDecoder(root, "token response")
	lifetime := time.Duration(d.int("expires_in")) * time.Second
	if d.err != nil || lifetime <= 0 {
		lifetime = defaultTokenLifetime
	}
	tok := Token{
		AccessToken:  access.Str,
		RefreshToken: flexString(root.Get("refresh_token")),
		ObtainedAt:   start,
		ExpiresAt:    start.Add(lifetime),
	}
	if tok.RefreshToken == "" {
		tok.RefreshToken = oldRefresh
	}
	c.addSecret(tok.AccessToken)
	c.addSecret(tok.RefreshToken)
	if op == opRefresh {
		c.logf("fortiflex: token renewed, valid for %s", lifetime)
	} else {
		c.logf("fortiflex: logged in, token valid for %s", lifetime)
	}
	return tok, nil
}

// oauthMessage picks the human text of an OAuth answer.
func oauthMessage(root gjson.Result) string {
	for _, k := range []string{"error_description", "message", "detail", "error"} {
		if r := root.Get(k); r.Type == gjson.String && strings.TrimSpace(r.Str) != "" {
			return strings.TrimSpace(r.Str)
		}
	}
	return ""
}
