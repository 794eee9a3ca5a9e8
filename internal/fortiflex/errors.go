package fortiflex

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinels for the cases callers branch on. Match them with errors.Is; an
// *Error answers for the ones its HTTP status or API message imply.
var (
	// ErrUnauthorized: HTTP 401, or the API's "Invalid security token." that
	// persisted after one fresh login.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: HTTP 403 (e.g. a ReadOnly API user calling a write endpoint).
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound: HTTP 404, or an API failure whose message says "not found".
	ErrNotFound = errors.New("not found")
	// ErrInvalidCredentials: the OAuth server refused the username/password.
	ErrInvalidCredentials = errors.New("invalid credentials")
	// ErrUnexpectedResponse: the answer could not be understood (not JSON,
	// missing fields, wrong shape).
	ErrUnexpectedResponse = errors.New("unexpected response")
	// ErrInvalidRequest: a call's arguments failed validation before any I/O.
	ErrInvalidRequest = errors.New("invalid request")
	// ErrInvalidOption: New (or NewFileTokenStore) was given unusable options.
	ErrInvalidOption = errors.New("invalid option")
	// ErrOutcomeUnknown: a call that is not safe to repeat (a create,
	// entitlements/transfer, entitlements/vm/token, and the state changes
	// configs/enable|disable, entitlements/stop|reactivate,
	// entitlements/hardware/remove) was sent, but no trustworthy answer came
	// back: the connection broke after the request may have left (anything
	// but a failure to connect), the attempt timed out or the context ended
	// while waiting, the server answered HTTP 5xx, or a 2xx/3xx answer was not
	// a readable envelope (not JSON, truncated, or a success whose data could
	// not be decoded). The request may have been carried out. The client never
	// retries such a call by itself; callers should look (list by identity:
	// name, serial number, description) before sending it again. A 4xx answer
	// and an envelope with status -1 are clear failures, not unknown outcomes.
	ErrOutcomeUnknown = errors.New("the request may have been carried out")
)

// opLogin and opRefresh are the Op of errors raised by the OAuth password
// grant and the refresh grant.
const (
	opLogin   = "login"
	opRefresh = "refresh"
)

// msgInvalidToken is the API's literal answer for an expired, revoked or
// superseded bearer token (spec §2.7).
const msgInvalidToken = "Invalid security token."

// Error is the one error type of the client. It never holds the password,
// the access token or the refresh token.
type Error struct {
	Op         string          // API operation, e.g. "programs/list"; "login" for the OAuth call
	HTTPStatus int             // HTTP status of the last answer; 0 when none arrived
	Status     int             // FortiFlex envelope status (-1 on API failures; 0 when absent)
	Message    string          // the API's message, or what went wrong
	Raw        json.RawMessage // the envelope's "error" member as sent (any shape), if any
	Attempts   int             // HTTP attempts made for this call, retries and re-login included
	Err        error           // underlying cause (transport error, ctx.Err() or sentinel), if any
	// OutcomeUnknown is set when a call that is not safe to repeat may have
	// been carried out although it failed; errors.Is(err, ErrOutcomeUnknown)
	// reports it. See ErrOutcomeUnknown.
	OutcomeUnknown bool
}

// Error formats the error in one line: the operation, the HTTP status, the
// API's message (or the cause), the number of attempts when more than one,
// and a note when the outcome is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	op := e.Op
	if op == "" {
		op = "fortiflex"
	}
	switch {
	case op == opLogin && errors.Is(e.Err, ErrInvalidCredentials):
		b.WriteString("login failed: invalid credentials")
		if e.HTTPStatus != 0 {
			fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
		}
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		}
	default:
		switch op {
		case opLogin:
			b.WriteString("login failed")
		case opRefresh:
			b.WriteString("token refresh failed")
		default:
			b.WriteString(op)
		}
		if e.HTTPStatus != 0 {
			fmt.Fprintf(&b, ": HTTP %d", e.HTTPStatus)
		}
		if d := e.detail(); d != "" {
			b.WriteString(": ")
			b.WriteString(d)
		}
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	}
	if e.OutcomeUnknown {
		b.WriteString("; outcome unknown: ")
		b.WriteString(ErrOutcomeUnknown.Error())
	}
	return b.String()
}

func (e *Error) detail() string {
	switch {
	case e.Message != "":
		return e.Message
	case e.Err != nil:
		return e.Err.Error()
	case e.HTTPStatus != 0:
		return http.StatusText(e.HTTPStatus)
	}
	return ""
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether the error matches one of the package sentinels by its
// HTTP status or API message.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized || isInvalidToken(e.Message)
	case ErrForbidden:
		return e.HTTPStatus == http.StatusForbidden
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	case ErrNotFound:
		if e.HTTPStatus == http.StatusNotFound {
			return true
		}
		return e.Op != opLogin && e.Op != opRefresh && e.Status != 0 && strings.Contains(strings.ToLower(e.Message), "not found")
	}
	return false
}

// isInvalidToken reports whether an API message is "Invalid security token."
// (compared loosely: case, surrounding space and the final full stop).
func isInvalidToken(msg string) bool {
	m := strings.TrimSuffix(strings.TrimSpace(msg), ".")
	return strings.EqualFold(m, strings.TrimSuffix(msgInvalidToken, "."))
}

// validationError is the error for arguments refused before any I/O.
func validationError(op, format string, args ...any) error {
	return &Error{Op: op, Message: fmt.Sprintf(format, args...), Err: ErrInvalidRequest}
}
