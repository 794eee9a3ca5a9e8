// Package common holds what every FortiFlex module shares: the connection
// options (one doc fragment), building the API client from them, and turning
// client errors into messages that say what to change.
package common

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// Version is the collection version, sent in the User-Agent.
const Version = "1.0.0"

// Environment variables read by every module.
const (
	EnvUsername      = "FORTIFLEX_ACCESS_USERNAME"
	EnvPassword      = "FORTIFLEX_ACCESS_PASSWORD"
	EnvAuthURL       = "FORTIFLEX_AUTH_URL"
	EnvAPIURL        = "FORTIFLEX_API_URL"
	EnvTimeout       = "FORTIFLEX_TIMEOUT"
	EnvValidateCerts = "FORTIFLEX_VALIDATE_CERTS"
	EnvTokenCache    = "FORTIFLEX_TOKEN_CACHE"
	EnvReturnTokens  = "FORTIFLEX_RETURN_TOKENS"
)

// Connection is the doc fragment and option set every module takes.
var Connection = &ansiblemod.Fragment{
	Name: "connection",
	Options: []ansiblemod.Option{
		{Name: "username", Type: ansiblemod.TypeStr, EnvFallback: []string{EnvUsername},
			Description: []string{"The API ID of a FortiCloud IAM API user with access to the FortiFlex portal."}},
		{Name: "password", Type: ansiblemod.TypeStr, NoLog: true, EnvFallback: []string{EnvPassword},
			Description: []string{"The password of the IAM API user. It never appears in results, warnings, errors or logs."}},
		{Name: "auth_url", Type: ansiblemod.TypeStr, EnvFallback: []string{EnvAuthURL}, Default: fortiflex.DefaultAuthURL,
			Description: []string{"The FortiCloud OAuth token URL (password grant, C(client_id=flexvm)).",
				"Point it at the built-in simulator to rehearse playbooks."}},
		{Name: "api_url", Type: ansiblemod.TypeStr, EnvFallback: []string{EnvAPIURL}, Default: fortiflex.DefaultAPIURL,
			Description: []string{"The base URL of the FortiCare API; FortiFlex v2 calls go to C(<api_url>fortiflex/v2/)."}},
		{Name: "timeout", Type: ansiblemod.TypeInt, EnvFallback: []string{EnvTimeout}, Default: 60,
			Description: []string{"Seconds one HTTP attempt may take before it is abandoned."}},
		{Name: "validate_certs", Type: ansiblemod.TypeBool, EnvFallback: []string{EnvValidateCerts}, Default: true,
			Description: []string{"Whether TLS certificates are verified. Only turn this off against a test server."}},
		{Name: "return_tokens", Type: ansiblemod.TypeBool, EnvFallback: []string{EnvReturnTokens}, Default: true,
			Description: []string{
				"Whether results carry VM license tokens (the C(token) of entitlements).",
				"C(false) replaces every token in the result with C(<hidden>), for playbooks that only manage entitlements and log their results; diffs never show tokens.",
			}},
		{Name: "token_cache", Type: ansiblemod.TypeStr, EnvFallback: []string{EnvTokenCache},
			Description: []string{
				"Where OAuth access tokens are kept between tasks, so that a playbook (and parallel forks) log in once per token lifetime instead of once per task.",
				"A directory (created with mode 0700; one 0600 file per API user, named by a keyed hash of the credentials, never holding the password), or C(off) to log in on every task.",
				"Default: C($XDG_CACHE_HOME/flexgo-fortiflexvm/tokens), or C(~/.cache/flexgo-fortiflexvm/tokens), on the host that runs the module.",
			}},
	},
}

// Client builds the FortiFlex client from the connection options, failing
// with a message that says which option to set before anything is sent.
func Client(req *ansiblemod.Request, res *ansiblemod.Result) (*fortiflex.Client, error) {
	p := req.Params
	if p.String("username") == "" {
		return nil, ansiblemod.Fail("no FortiFlex username: set the username option or the %s environment variable to the API ID of an IAM API user", EnvUsername)
	}
	if p.String("password") == "" {
		return nil, ansiblemod.Fail("no FortiFlex password: set the password option or the %s environment variable", EnvPassword)
	}
	for _, name := range []string{"auth_url", "api_url"} {
		u, err := url.Parse(p.String(name))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, ansiblemod.Fail("%s must be an http(s) URL, got %q", name, p.String(name))
		}
	}
	if p.Int("timeout") <= 0 {
		return nil, ansiblemod.Fail("timeout must be a positive number of seconds, got %d", p.Int("timeout"))
	}
	store, err := tokenStore(p.String("token_cache"))
	if err != nil {
		res.Warn("token cache off, logging in for this task: %v", err)
	}
	c, err := fortiflex.New(fortiflex.Options{
		TokenStore:         store,
		Username:           p.String("username"),
		Password:           p.String("password"),
		AuthURL:            p.String("auth_url"),
		APIURL:             p.String("api_url"),
		Timeout:            time.Duration(p.Int("timeout")) * time.Second,
		InsecureSkipVerify: !p.Bool("validate_certs"),
		UserAgent:          "flexgo.fortiflexvm/" + Version + " (" + req.Module.Name + ")",
	})
	if err != nil {
		return nil, ansiblemod.Fail("%v", err)
	}
	return c, nil
}

// tokenStore opens the token cache the token_cache option names. nil (an
// in-memory store) when it is off or cannot be used.
func tokenStore(opt string) (fortiflex.TokenStore, error) {
	dir := strings.TrimSpace(opt)
	switch strings.ToLower(dir) {
	case "off", "none", "false", "no", "disabled":
		return nil, nil
	case "":
		d, err := fortiflex.DefaultTokenCacheDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	s, err := fortiflex.NewFileTokenStore(dir)
	if err != nil {
		return nil, err
	}
	return s, nil
}

var paramID = regexp.MustCompile(`(?i)parameter id (\d+)`)

// readable rewrites the API's "Parameter id N" into the parameter's name.
func readable(msg string) string {
	return paramID.ReplaceAllStringFunc(msg, func(m string) string {
		n, err := strconv.Atoi(paramID.FindStringSubmatch(m)[1])
		name := catalog.ParamName(n)
		if err != nil || strings.HasPrefix(name, "parameter id ") {
			return m // an id the catalogue does not know stays as FortiFlex wrote it
		}
		return "parameter " + name
	})
}

// APIError turns a client error into the one message shape of the
// collection: what failed, the API's own words, the HTTP status, what to do.
func APIError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ansiblemod.Fail("FortiFlex request abandoned: %v", ctx.Err())
	}
	var done *ansiblemod.Failure
	if errors.As(err, &done) {
		return err // already worded for the user
	}
	var fe *fortiflex.Error
	if !errors.As(err, &fe) {
		return ansiblemod.Fail("FortiFlex request failed: %s", readable(err.Error()))
	}
	what := fe.Op
	if what == "" {
		what = "request"
	}
	msg := readable(fe.Message)
	var hint string
	switch {
	case errors.Is(err, fortiflex.ErrInvalidCredentials):
		return ansiblemod.Fail("FortiFlex login failed: invalid credentials (HTTP %d). Check username and password (or %s / %s); downloading an API user's credentials again resets its password.",
			fe.HTTPStatus, EnvUsername, EnvPassword)
	case errors.Is(err, fortiflex.ErrOutcomeUnknown):
		return ansiblemod.Fail("FortiFlex %s may have been carried out, but its answer was lost (%s). It was not sent again, so that nothing is created or changed twice: check the current state (for example with the matching _list_info module) before running the task again.",
			what, unknownDetail(fe))
	case fe.HTTPStatus == 0:
		return ansiblemod.Fail("FortiFlex %s failed: %s. Check api_url/auth_url and that this host can reach FortiFlex.", what, readable(errorText(fe)))
	case errors.Is(err, fortiflex.ErrForbidden):
		hint = " The API user's permission profile must allow this on the FortiFlex portal (ReadWrite or Admin for changes) and cover the account."
	case errors.Is(err, fortiflex.ErrUnauthorized):
		hint = " The access token was refused after a fresh login; check that the API user has access to the FortiFlex portal."
	case fe.HTTPStatus >= 500:
		hint = " FortiFlex had a server-side problem; try again later."
	}
	if msg == "" {
		msg = "no message"
	}
	if hint != "" && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	attempts := ""
	if fe.Attempts > 1 {
		attempts = fmt.Sprintf(", %d attempts", fe.Attempts)
	}
	return ansiblemod.Fail("FortiFlex %s failed (HTTP %d%s): %s%s", what, fe.HTTPStatus, attempts, msg, hint)
}

// LostDetail says what was seen instead of the answer to a call whose
// outcome is unknown, for messages.
func LostDetail(err error) string {
	var fe *fortiflex.Error
	if errors.As(err, &fe) {
		return unknownDetail(fe)
	}
	return err.Error()
}

// unknownDetail says what was seen instead of an answer.
func unknownDetail(fe *fortiflex.Error) string {
	if fe.HTTPStatus != 0 {
		msg := readable(fe.Message)
		if msg == "" {
			return fmt.Sprintf("HTTP %d", fe.HTTPStatus)
		}
		return fmt.Sprintf("HTTP %d: %s", fe.HTTPStatus, strings.TrimSuffix(msg, "."))
	}
	return readable(errorText(fe))
}

func errorText(fe *fortiflex.Error) string {
	if fe.Err != nil {
		return fe.Err.Error()
	}
	return fe.Message
}

// List returns s, or an empty list instead of nil: _info modules return a
// list, empty when nothing matches.
func List[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Run wraps a module's run function so that any error that is not already
// worded for the user (an ansiblemod failure) gets the collection's message
// shape: a client error never reaches the user raw.
func Run(run func(context.Context, *ansiblemod.Request, *ansiblemod.Result) error) func(context.Context, *ansiblemod.Request, *ansiblemod.Result) error {
	return func(ctx context.Context, req *ansiblemod.Request, res *ansiblemod.Result) error {
		err := APIError(ctx, run(ctx, req, res))
		// License tokens never appear in a diff (Ansible prints diffs), and
		// in results only when return_tokens is on.
		res.DiffBefore = hideTokens(res.DiffBefore, "<token>")
		res.DiffAfter = hideTokens(res.DiffAfter, "<token>")
		if v, ok := req.Params.Raw("return_tokens").(bool); ok && !v {
			for k, d := range res.Data {
				res.Data[k] = hideTokens(d, "<hidden>")
			}
		}
		return err
	}
}

// hideTokens returns v with the value of every non-empty "token" member of
// the maps it holds replaced by mask. Maps are copied, not changed in place.
func hideTokens(v any, mask string) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if s, ok := e.(string); ok && k == "token" && s != "" && !strings.HasPrefix(s, "<") {
				out[k] = mask
				continue
			}
			out[k] = hideTokens(e, mask)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = hideTokens(e, mask)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = hideTokens(e, mask)
		}
		return out
	}
	return v
}

// CheckIDs fails when one of the named id options (configId, accountId, id)
// is given and not a positive number, before anything is sent.
func CheckIDs(p ansiblemod.Params, names ...string) error {
	for _, name := range names {
		v := p.IntPtr(name)
		if v == nil || *v > 0 {
			continue
		}
		what := "a configuration id"
		if name == "accountId" || name == "account_id" {
			what = "a FortiCloud account id"
		}
		return ansiblemod.Fail("%s must be %s (a positive number), got %d", name, what, *v)
	}
	return nil
}
