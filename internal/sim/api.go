package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flexgo/fortiflexvm/internal/catalog"
)

const (
	apiPrefix   = "/es/api/" // matched case-insensitively
	oauthPrefix = "/api/v1/oauth/"

	maxBodyBytes = 1 << 20

	msgSuccess         = "Request processed successfully."
	msgInvalidToken    = "Invalid security token."
	msgUnknownEndpoint = "Unknown endpoint"
	msgMethod          = "Method not allowed."
	msgPermission      = "Permission denied."
)

// APIError is a failed FortiFlex call: HTTP status, envelope message and the
// envelope's `error` value (Detail; nil → JSON null).
type APIError struct {
	HTTP    int
	Message string
	Detail  any
}

func (e *APIError) Error() string { return fmt.Sprintf("%d %s", e.HTTP, e.Message) }

// badRequest is the usual business/validation failure: 400, status -1, and
// the message repeated in `error` (spec §11.3).
func badRequest(format string, args ...any) *APIError {
	m := fmt.Sprintf(format, args...)
	return &APIError{HTTP: http.StatusBadRequest, Message: m, Detail: m}
}

// caller is the authenticated API user of a request.
type caller struct {
	User User
}

// apiHandler implements one endpoint. It runs with s.mu held, gets the
// decoded body, and returns the envelope's data key (may be "" for none) and
// payload, or an error.
type apiHandler func(s *Server, c caller, req *request) (key string, payload any, err *APIError)

type route struct {
	handle apiHandler
	// write marks endpoints that change state: refused for ReadOnly users,
	// and followed by Options.AfterWrite on success.
	write bool
}

// routes maps the lower-cased path after /ES/api/ to its handler. Each
// endpoint of spec §5 is one entry.
var routes = map[string]route{
	"fortiflex/v2/programs/list":   {handle: (*Server).programsList},
	"fortiflex/v2/programs/points": {handle: (*Server).programsPoints},

	"fortiflex/v2/configs/list":    {handle: (*Server).configsList},
	"fortiflex/v2/configs/create":  {handle: (*Server).configsCreate, write: true},
	"fortiflex/v2/configs/update":  {handle: (*Server).configsUpdate, write: true},
	"fortiflex/v2/configs/enable":  {handle: (*Server).configsEnable, write: true},
	"fortiflex/v2/configs/disable": {handle: (*Server).configsDisable, write: true},

	"fortiflex/v2/entitlements/list":            {handle: (*Server).entitlementsList},
	"fortiflex/v2/entitlements/vm/create":       {handle: (*Server).entitlementsVMCreate, write: true},
	"fortiflex/v2/entitlements/hardware/create": {handle: (*Server).entitlementsHardwareCreate, write: true},
	"fortiflex/v2/entitlements/hardware/remove": {handle: (*Server).entitlementsHardwareRemove, write: true},
	"fortiflex/v2/entitlements/cloud/create":    {handle: (*Server).entitlementsCloudCreate, write: true},
	"fortiflex/v2/entitlements/update":          {handle: (*Server).entitlementsUpdate, write: true},
	"fortiflex/v2/entitlements/stop":            {handle: (*Server).entitlementsStop, write: true},
	"fortiflex/v2/entitlements/reactivate":      {handle: (*Server).entitlementsReactivate, write: true},
	"fortiflex/v2/entitlements/vm/token":        {handle: (*Server).entitlementsVMToken, write: true},
	"fortiflex/v2/entitlements/points":          {handle: (*Server).entitlementsPoints},
	"fortiflex/v2/entitlements/transfer":        {handle: (*Server).entitlementsTransfer, write: true},

	"fortiflex/v2/groups/list":      {handle: (*Server).groupsList},
	"fortiflex/v2/groups/nexttoken": {handle: (*Server).groupsNextToken},
	"flexvm/v1/groups/list":         {handle: (*Server).groupsListV1},

	"fortiflex/v2/tools/calc":     {handle: (*Server).toolsCalc},
	"fortiflex/v2/tools/metadata": {handle: (*Server).toolsMetadata},
}

// serveAPI handles everything under /ES/api/. rest is the lower-cased path
// after the prefix, which is also the stats key.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, rest string) {
	key := rest
	s.countRequest(key)

	rt, ok := s.routes[key]
	if !ok {
		writeEnvelopeError(w, &APIError{HTTP: http.StatusNotFound, Message: msgUnknownEndpoint,
			Detail: "No endpoint at " + r.URL.Path + "."})
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeEnvelopeError(w, &APIError{HTTP: http.StatusMethodNotAllowed, Message: msgMethod,
			Detail: "Only POST is allowed on " + r.URL.Path + "."})
		return
	}
	user, ok := s.authenticate(r)
	if !ok {
		writeEnvelopeError(w, &APIError{HTTP: http.StatusUnauthorized, Message: msgInvalidToken})
		return
	}
	s.serveWithFaults(w, r, key, func(w http.ResponseWriter) {
		req, aerr := decodeRequest(r)
		if aerr != nil {
			writeEnvelopeError(w, aerr)
			return
		}
		if rt.write && user.ReadOnly {
			writeEnvelopeError(w, &APIError{HTTP: http.StatusForbidden, Message: msgPermission,
				Detail: "User has read-only access."})
			return
		}

		s.mu.Lock()
		ticked := s.tick()
		dataKey, payload, aerr := rt.handle(s, caller{User: user}, req)
		s.mu.Unlock()

		if (aerr == nil && rt.write) || ticked {
			s.afterWrite()
		}
		if aerr != nil {
			writeEnvelopeError(w, aerr)
			return
		}
		writeEnvelope(w, dataKey, payload)
	})
}

// authenticate checks the bearer token.
func (s *Server) authenticate(r *http.Request) (User, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return User{}, false
	}
	tok = strings.TrimSpace(tok)
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[tok]
	if sess == nil || !s.now().Before(sess.expires) {
		return User{}, false
	}
	u, ok := s.users[sess.user]
	return u, ok
}

// --- envelope ---

func writeEnvelope(w http.ResponseWriter, key string, payload any) {
	writeRaw(w, http.StatusOK, envelopeBody(key, payload))
}

// envelopeBody is the success envelope with payload under key ("" = none).
func envelopeBody(key string, payload any) []byte {
	var b bytes.Buffer
	if raw, ok := payload.(rawJSON); ok {
		b.Grow(len(raw) + 128)
	}
	b.WriteString(`{"status":0,"message":`)
	writeJSON(&b, msgSuccess)
	b.WriteString(`,"error":null`)
	if key != "" {
		b.WriteByte(',')
		writeJSON(&b, key)
		b.WriteByte(':')
		if raw, ok := payload.(rawJSON); ok {
			b.Write(raw)
		} else {
			writeJSON(&b, payload)
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func writeEnvelopeError(w http.ResponseWriter, e *APIError) {
	writeRaw(w, e.HTTP, errorBody(e))
}

func errorBody(e *APIError) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":-1,"message":`)
	writeJSON(&b, e.Message)
	b.WriteString(`,"error":`)
	writeJSON(&b, e.Detail)
	b.WriteString("}\n")
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		// Only simulator bugs get here; answer something valid.
		data, _ = json.Marshal("sim: cannot encode response: " + err.Error())
	}
	b.Write(data)
}

func writeRaw(w http.ResponseWriter, code int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// --- request decoding ---

// request is a decoded JSON request body. Accessors are lenient the way the
// real server is (spec §1): numbers may come as JSON strings, and JSON null
// counts as absent.
type request struct {
	fields map[string]json.RawMessage
}

func decodeRequest(r *http.Request) (*request, *APIError) {
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, badRequest("Request body too large.")
		}
		return nil, badRequest("Cannot read request body.")
	}
	req := &request{fields: map[string]json.RawMessage{}}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return req, nil
	}
	if data[0] != '{' {
		return nil, badRequest("Request body must be a JSON object.")
	}
	if err := json.Unmarshal(data, &req.fields); err != nil {
		return nil, badRequest("Invalid JSON in request body.")
	}
	return req, nil
}

// has reports whether the field is present and not null.
func (q *request) has(name string) bool {
	raw, ok := q.fields[name]
	return ok && string(raw) != "null"
}

// str returns a string field. A number is accepted and returned as its text.
func (q *request) str(name string) (string, bool, *APIError) {
	if !q.has(name) {
		return "", false, nil
	}
	raw := q.fields[name]
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, true, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), true, nil
	}
	return "", false, badRequest("Invalid value for %s.", name)
}

// int returns an integer field given as a JSON number or numeric string.
func (q *request) int(name string) (int64, bool, *APIError) {
	if !q.has(name) {
		return 0, false, nil
	}
	raw := q.fields[name]
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return 0, false, badRequest("Invalid value for %s.", name)
		}
		text = n.String()
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, false, nil // "" counts as not given
	}
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		return v, true, nil
	}
	if f, err := strconv.ParseFloat(text, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), true, nil
	}
	return 0, false, badRequest("Invalid value for %s.", name)
}

// bool returns a boolean field (true/false, or the strings "true"/"false").
func (q *request) bool(name string) (bool, bool, *APIError) {
	if !q.has(name) {
		return false, false, nil
	}
	raw := q.fields[name]
	var b bool
	if err := json.Unmarshal(raw, &b); err == nil {
		return b, true, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if v, err := strconv.ParseBool(strings.TrimSpace(s)); err == nil {
			return v, true, nil
		}
	}
	return false, false, badRequest("Invalid value for %s.", name)
}

// strs returns an array-of-strings field.
func (q *request) strs(name string) ([]string, bool, *APIError) {
	if !q.has(name) {
		return nil, false, nil
	}
	var out []string
	if err := json.Unmarshal(q.fields[name], &out); err != nil {
		return nil, false, badRequest("Invalid value for %s.", name)
	}
	return out, true, nil
}

// requiredStr is str plus a "required" check (empty string counts as missing).
func (q *request) requiredStr(name string) (string, *APIError) {
	v, ok, err := q.str(name)
	if err != nil {
		return "", err
	}
	if !ok || strings.TrimSpace(v) == "" {
		return "", badRequest("%s is required.", name)
	}
	return strings.TrimSpace(v), nil
}

// requiredInt is int plus a "required" check.
func (q *request) requiredInt(name string) (int64, *APIError) {
	v, ok, err := q.int(name)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, badRequest("%s is required.", name)
	}
	return v, nil
}

// Date forms accepted in requests (spec §4.8); zone-less forms are UTC.
var requestDateLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	time.RFC3339Nano,
}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range requestDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// date returns a date field in any of the request forms.
func (q *request) date(name string) (time.Time, bool, *APIError) {
	v, ok, err := q.str(name)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	if strings.TrimSpace(v) == "" {
		return time.Time{}, false, nil // "" counts as not given
	}
	t, valid := parseDate(v)
	if !valid {
		return time.Time{}, false, badRequest("Invalid value for %s.", name)
	}
	return t, true, nil
}

// params returns a parameter list: [{id, value}], ids as numbers or numeric
// strings, values as strings or numbers (spec §1, §4.4).
func (q *request) params(name string) ([]catalog.APIParam, bool, *APIError) {
	if !q.has(name) {
		return nil, false, nil
	}
	bad := badRequest("Invalid value for %s.", name)
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(q.fields[name], &raw); err != nil {
		return nil, false, bad
	}
	out := make([]catalog.APIParam, 0, len(raw))
	for _, m := range raw {
		if m == nil {
			return nil, false, bad
		}
		entry := &request{fields: m}
		id, ok, err := entry.int("id")
		if err != nil || !ok || id <= 0 || id > math.MaxInt32 {
			return nil, false, bad
		}
		v, ok, err := entry.str("value")
		if err != nil || !ok {
			return nil, false, badRequest("Invalid value for Parameter id %d.", id)
		}
		out = append(out, catalog.APIParam{ID: int(id), Value: v})
	}
	return out, true, nil
}
