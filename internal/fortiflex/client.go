// Package fortiflex is a client for the FortiFlex (FlexVM) REST API v2:
// OAuth login with a shared, renewed token; a transport with a readable retry
// policy that never repeats a call that is not safe to repeat; tolerant
// decoding of the API's envelope and quirks; and one typed error.
//
// It knows nothing of Ansible. The password and the OAuth tokens never appear
// in its errors or logs.
package fortiflex

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Default endpoints of the real service (spec §1).
const (
	DefaultAuthURL = "https://customerapiauth.fortinet.com/api/v1/oauth/token/"
	DefaultAPIURL  = "https://support.fortinet.com/ES/api/"
)

// Defaults applied by New to zero Options fields.
const (
	DefaultTimeout      = 60 * time.Second
	DefaultMaxRetries   = 4
	DefaultRetryWaitMin = 1 * time.Second
	DefaultRetryWaitMax = 30 * time.Second
	DefaultUserAgent    = "flexgo-fortiflexvm"
)

// Options configures a Client. Only Username and Password are required.
type Options struct {
	Username string
	Password string
	// AuthURL is the OAuth token URL; "" means DefaultAuthURL. A missing
	// trailing slash is added (the service requires it, spec §1).
	AuthURL string
	// APIURL is the API base; "" means DefaultAPIURL. v2 calls go to
	// APIURL+"fortiflex/v2/<op>", the v1 call to APIURL+"flexvm/v1/<op>".
	APIURL string
	// Timeout bounds each HTTP attempt; 0 means DefaultTimeout.
	Timeout time.Duration
	// InsecureSkipVerify turns off TLS verification (ignored with HTTPClient).
	InsecureSkipVerify bool
	// UserAgent; "" means DefaultUserAgent.
	UserAgent string
	// MaxRetries is the number of retries after the first attempt of a call
	// safe to repeat; 0 means DefaultMaxRetries, negative means none.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the backoff; 0 means the defaults.
	RetryWaitMin, RetryWaitMax time.Duration
	// HTTPClient replaces the default HTTP client (tests). Its Timeout is set
	// from Timeout when it has none, on a copy.
	HTTPClient *http.Client
	// TokenStore keeps tokens; nil means an in-memory store of this client.
	// A FileTokenStore shares them between processes. A stored token is used
	// until 60 s before it expires (see Token.Valid); then, if it has a
	// refresh token, the client tries the OAuth refresh grant first and falls
	// back to the password grant when that fails.
	TokenStore TokenStore
	// Logger receives debug lines; it is never given a secret.
	Logger func(format string, args ...any)
}

// String hides the password.
func (o Options) String() string {
	return fmt.Sprintf("fortiflex.Options{Username: %q, Password: <redacted>, AuthURL: %q, APIURL: %q}", o.Username, o.AuthURL, o.APIURL)
}

// GoString hides the password from %#v.
func (o Options) GoString() string { return o.String() }

// Stats counts what a Client has sent.
type Stats struct {
	Logins    int // OAuth password grants started
	Refreshes int // OAuth refresh grants started (see Options.TokenStore)
	Requests  int // HTTP requests sent, retries, logins and refreshes included
}

// Client talks to FortiFlex. It is safe for concurrent use; all goroutines
// share one access token.
type Client struct {
	username, password string
	authURL, apiURL    string
	userAgent          string
	http               *http.Client
	maxRetries         int
	retryWaitMin       time.Duration
	retryWaitMax       time.Duration
	store              TokenStore
	storeKey           string
	logger             func(format string, args ...any)
	now                func() time.Time

	loginSem chan struct{} // login mutex that honours ctx
	mu       sync.Mutex    // guards tok
	tok      Token

	secretsMu sync.Mutex
	secrets   []string // password and tokens seen, scrubbed from messages

	nLogins    atomic.Int64
	nRefreshes atomic.Int64
	nRequests  atomic.Int64
}

// New checks opts and returns a Client. It does no I/O; the first call logs in.
func New(opts Options) (*Client, error) {
	if strings.TrimSpace(opts.Username) == "" {
		return nil, fmt.Errorf("%w: username is required", ErrInvalidOption)
	}
	if opts.Password == "" {
		return nil, fmt.Errorf("%w: password is required", ErrInvalidOption)
	}
	authURL, err := checkURL("auth_url", opts.AuthURL, DefaultAuthURL)
	if err != nil {
		return nil, err
	}
	apiURL, err := checkURL("api_url", opts.APIURL, DefaultAPIURL)
	if err != nil {
		return nil, err
	}
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("%w: timeout must not be negative", ErrInvalidOption)
	}
	if opts.RetryWaitMin < 0 || opts.RetryWaitMax < 0 {
		return nil, fmt.Errorf("%w: retry waits must not be negative", ErrInvalidOption)
	}

	c := &Client{
		username:     opts.Username,
		password:     opts.Password,
		authURL:      authURL,
		apiURL:       apiURL,
		userAgent:    orDefault(opts.UserAgent, DefaultUserAgent),
		maxRetries:   opts.MaxRetries,
		retryWaitMin: opts.RetryWaitMin,
		retryWaitMax: opts.RetryWaitMax,
		store:        opts.TokenStore,
		logger:       opts.Logger,
		now:          time.Now,
		loginSem:     make(chan struct{}, 1),
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.retryWaitMin == 0 {
		c.retryWaitMin = DefaultRetryWaitMin
	}
	if c.retryWaitMax == 0 {
		c.retryWaitMax = DefaultRetryWaitMax
	}
	if c.retryWaitMin > c.retryWaitMax {
		return nil, fmt.Errorf("%w: retry_wait_min (%s) exceeds retry_wait_max (%s)", ErrInvalidOption, c.retryWaitMin, c.retryWaitMax)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	if opts.HTTPClient != nil {
		hc := *opts.HTTPClient
		if opts.Timeout > 0 || hc.Timeout == 0 {
			hc.Timeout = timeout
		}
		c.http = &hc
	} else {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if opts.InsecureSkipVerify {
			tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12} //nolint:gosec // user's explicit choice
		}
		c.http = &http.Client{Transport: tr, Timeout: timeout}
	}
	if c.store == nil {
		c.store = NewMemoryTokenStore()
	}
	c.storeKey = Fingerprint(c.authURL, c.username, c.password)
	c.secrets = []string{c.password}
	return c, nil
}

// checkURL applies the default and requires an absolute http(s) URL without
// credentials in it.
func checkURL(name, raw, def string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		s = def
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%w: %s is not a valid URL: %q", ErrInvalidOption, name, s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%w: %s must be an http:// or https:// URL, got %q", ErrInvalidOption, name, s)
	}
	if u.Host == "" {
		return "", fmt.Errorf("%w: %s has no host: %q", ErrInvalidOption, name, s)
	}
	if u.User != nil {
		return "", fmt.Errorf("%w: %s must not contain credentials", ErrInvalidOption, name)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Stats returns what the client has sent so far.
func (c *Client) Stats() Stats {
	return Stats{Logins: int(c.nLogins.Load()), Refreshes: int(c.nRefreshes.Load()), Requests: int(c.nRequests.Load())}
}

// String hides the credentials.
func (c *Client) String() string {
	return fmt.Sprintf("fortiflex.Client{user: %q, api: %q}", c.username, c.apiURL)
}

// GoString hides the credentials from %#v.
func (c *Client) GoString() string { return c.String() }

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

// endpoint describes one API operation.
type endpoint struct {
	op   string // path below the version root, e.g. "programs/list"
	v1   bool   // legacy FlexVM v1 path (spec §5.23)
	safe bool   // safe to repeat: reads. Creates, transfer and token regeneration are not.
}

func (e endpoint) name() string {
	if e.v1 {
		return "v1 " + e.op
	}
	return e.op
}

func (c *Client) endpointURL(e endpoint) string {
	if e.v1 {
		return c.apiURL + "flexvm/v1/" + e.op
	}
	return c.apiURL + "fortiflex/v2/" + e.op
}

// call sends one API request and returns its successful envelope. On
// "Invalid security token." (or HTTP 401) it drops the token, logs in again
// once and sends the request once more (the API refused it, so even an
// unsafe call was not carried out). Any failure is an *Error, except a done
// context before the request could have left, which returns ctx.Err(). For a
// call that is not safe to repeat, a failure after which the request may have
// been carried out is marked OutcomeUnknown (see ErrOutcomeUnknown).
func (c *Client) call(ctx context.Context, ep endpoint, in any) (*envelope, error) {
	body := []byte("{}")
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, &Error{Op: ep.name(), Message: "encoding request: " + err.Error(), Err: ErrInvalidRequest}
		}
		body = b
	}

	attempts := 0
	for try := 0; ; try++ {
		tok, err := c.accessToken(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.roundTrip(ctx, httpRequest{op: ep.name(), url: c.endpointURL(ep), body: body, bearer: tok, safe: ep.safe})
		if err != nil {
			if e, ok := err.(*Error); ok {
				e.Attempts += attempts
			}
			return nil, err
		}
		attempts += resp.attempts

		env, ferr := c.answer(ep, resp.status, resp.body, attempts)
		if ferr == nil {
			return env, nil
		}
		if try == 0 && errors.Is(ferr, ErrUnauthorized) {
			c.logf("fortiflex: %s: token refused (HTTP %d), logging in again", ep.name(), resp.status)
			if err := c.invalidate(ctx, tok); err != nil {
				return nil, err
			}
			continue
		}
		return nil, ferr
	}
}

// answer interprets one HTTP answer of ep: the envelope when it is a success
// (HTTP 2xx, status 0), else an *Error whose Message is never empty. It does
// no I/O and never panics, whatever the body.
func (c *Client) answer(ep endpoint, httpStatus int, body []byte, attempts int) (*envelope, *Error) {
	env, derr := decodeEnvelope(httpStatus, body)
	if derr == nil && env.ok() {
		env.attempts = attempts
		return env, nil
	}
	// Without a trustworthy answer (5xx, or a 2xx/3xx body that is not an
	// envelope) an unsafe call may have been carried out. A 4xx is a refusal.
	unknown := !ep.safe && (httpStatus >= 500 || (derr != nil && httpStatus < 400))
	if derr != nil {
		return nil, &Error{
			Op:             ep.name(),
			HTTPStatus:     httpStatus,
			Message:        c.scrub(derr.Error() + excerptSuffix(body)),
			Attempts:       attempts,
			Err:            ErrUnexpectedResponse,
			OutcomeUnknown: unknown,
		}
	}
	e := &Error{
		Op:             ep.name(),
		HTTPStatus:     httpStatus,
		Status:         env.status,
		Message:        c.scrub(strings.TrimSpace(env.failureMessage())),
		Raw:            c.scrubRaw(string(env.errRaw)),
		Attempts:       attempts,
		OutcomeUnknown: unknown,
	}
	if e.Status == 0 {
		e.Status = -1 // an HTTP failure with a "success" status is still a failure
	}
	if e.Message == "" {
		if httpStatus >= 200 && httpStatus < 300 {
			e.Message = fmt.Sprintf("the API reported a failure (status %d) without a message", e.Status)
		} else if e.Message = http.StatusText(httpStatus); e.Message == "" {
			e.Message = "the API reported a failure without a message"
		}
	}
	return nil, e
}

func excerptSuffix(body []byte) string {
	if len(body) == 0 {
		return " (empty body)"
	}
	if x := excerpt(body, 160); x != "" {
		return ": " + x
	}
	return ""
}

// ---------------------------------------------------------------------------
// Secrets and logging
// ---------------------------------------------------------------------------

// maxSecrets bounds the remembered tokens (the password is always first).
const maxSecrets = 9

func (c *Client) addSecret(s string) {
	if s == "" {
		return
	}
	c.secretsMu.Lock()
	defer c.secretsMu.Unlock()
	for _, x := range c.secrets {
		if x == s {
			return
		}
	}
	c.secrets = append(c.secrets, s)
	if len(c.secrets) > maxSecrets {
		c.secrets = append(c.secrets[:1], c.secrets[2:]...)
	}
}

// scrub replaces the password and every token this client has seen, as is
// and in their JSON-escaped form.
func (c *Client) scrub(s string) string {
	c.secretsMu.Lock()
	defer c.secretsMu.Unlock()
	for _, x := range c.secrets {
		for _, form := range secretForms(x) {
			if strings.Contains(s, form) {
				s = strings.ReplaceAll(s, form, "<redacted>")
			}
		}
	}
	return s
}

// scrubRaw scrubs a raw JSON value; nil stays nil.
func (c *Client) scrubRaw(raw string) json.RawMessage {
	if raw == "" {
		return nil
	}
	return json.RawMessage(c.scrub(raw))
}

func secretForms(x string) []string {
	if x == "" {
		return nil
	}
	forms := []string{x}
	if b, err := json.Marshal(x); err == nil {
		if esc := string(b[1 : len(b)-1]); esc != x {
			forms = append(forms, esc)
		}
	}
	return forms
}

// logf sends one scrubbed debug line to the Logger, if any.
func (c *Client) logf(format string, args ...any) {
	if c.logger == nil {
		return
	}
	c.logger("%s", c.scrub(fmt.Sprintf(format, args...)))
}
