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

// accessToken returns a usable access token, logging in when there is none or
// it is about to expire. Concurrent callers share one login (single flight).
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
	if t, ok := c.loadStored(ctx); ok {
		return t.AccessToken, nil
	}
	if l, ok := c.store.(TokenLocker); ok {
		unlock, err := l.Lock(ctx, c.storeKey)
		if err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			c.logf("fortiflex: token store lock failed, logging in without it: %v", c.scrub(err.Error()))
		} else {
			defer unlock()
			if t, ok := c.loadStored(ctx); ok { // another process logged in
				return t.AccessToken, nil
			}
		}
	}

	tok, err := c.login(ctx)
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

// loadStored adopts a valid token from the store. Call with the login lock held.
func (c *Client) loadStored(ctx context.Context) (Token, bool) {
	t, ok, err := c.store.Load(ctx, c.storeKey)
	if err != nil {
		c.logf("fortiflex: token store load failed: %v", c.scrub(err.Error()))
		return Token{}, false
	}
	if !ok || !t.Valid(c.now()) {
		return Token{}, false
	}
	c.mu.Lock()
	c.tok = t
	c.mu.Unlock()
	c.logf("fortiflex: reusing stored token (expires %s)", t.ExpiresAt.UTC().Format(time.RFC3339))
	return t, true
}

// invalidate forgets the token used for a call the API refused, unless
// another goroutine has already replaced it.
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

// login performs the OAuth password grant. It is safe to repeat, so the
// transport retries it on network errors, 429 and 502/503/504.
func (c *Client) login(ctx context.Context) (Token, error) {
	c.nLogins.Add(1)
	c.logf("fortiflex: logging in to %s", c.authURL)
	body, err := json.Marshal(loginRequest{Username: c.username, Password: c.password, ClientID: clientID, GrantType: "password"})
	if err != nil {
		return Token{}, &Error{Op: opLogin, Message: "encoding request", Err: err}
	}
	start := c.now()
	resp, err := c.roundTrip(ctx, httpRequest{op: opLogin, url: c.authURL, body: body, safe: true})
	if err != nil {
		return Token{}, err
	}

	fail := func(msg string, cause error) (Token, error) {
		e := &Error{Op: opLogin, HTTPStatus: resp.status, Message: c.scrub(msg), Attempts: resp.attempts, Err: cause}
		return Token{}, e
	}

	// A successful body holds the tokens: never quote it.
	if !gjson.ValidBytes(resp.body) || !gjson.ParseBytes(resp.body).IsObject() {
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
			e := &Error{Op: opLogin, HTTPStatus: resp.status, Message: c.scrub(msg), Attempts: resp.attempts, Err: ErrInvalidCredentials}
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
	c.addSecret(tok.AccessToken)
	c.addSecret(tok.RefreshToken)
	c.logf("fortiflex: logged in, token valid for %s", lifetime)
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
