package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

func (st *Stats) reset() { *st = Stats{Requests: map[string]int{}} }

func (s *Server) countRequest(key string) {
	s.mu.Lock()
	s.stats.Requests[key]++
	s.mu.Unlock()
}

// Stats are the counters served at GET /_sim/stats.
type Stats struct {
	// Logins counts successful password grants.
	Logins int `json:"logins"`
	// Refreshes counts successful refresh grants.
	Refreshes int `json:"refreshes"`
	// Requests counts every request received per key: the lower-cased path
	// after /ES/api/ (e.g. "fortiflex/v2/programs/list") or "oauth/<name>"
	// (e.g. "oauth/token"), whatever the outcome.
	Requests map[string]int `json:"requests"`
}

// Stats returns a copy of the request counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Stats{Logins: s.stats.Logins, Refreshes: s.stats.Refreshes, Requests: make(map[string]int, len(s.stats.Requests))}
	for k, v := range s.stats.Requests {
		out.Requests[k] = v
	}
	return out
}

// Reset puts the state back to the seed and zeroes the counters and the
// fault queues. Issued OAuth tokens stay valid.
func (s *Server) Reset() {
	s.mu.Lock()
	s.offset.Store(0)
	s.st = s.seed()
	s.stats.reset()
	s.faults = map[string][]Fault{}
	s.mu.Unlock()
}

// ResetStats zeroes the counters only.
func (s *Server) ResetStats() {
	s.mu.Lock()
	s.stats.reset()
	s.mu.Unlock()
}

// --- faults ---

// When a fault fires relative to the real handling of the request.
const (
	// FaultBefore answers with the fault instead of handling the request.
	FaultBefore = "before"
	// FaultAfter handles the request (state changes happen) and then answers
	// with the fault instead: a lost answer.
	FaultAfter = "after"
)

// Fault kinds (Fault.Kind).
const (
	// FaultStatus ("") answers Status (default 500) with Body (default a
	// FortiFlex error envelope; "Invalid security token." for 401).
	FaultStatus = ""
	// FaultReset closes the connection without an answer.
	FaultReset = "reset"
	// FaultDelay sleeps Delay (default 1s), then answers normally: before the
	// handling with "before", after it (the state has changed) with "after".
	FaultDelay = "delay"
	// FaultTruncated answers valid JSON cut in half, status 200 (or Status):
	// Body if set, else the real answer ("after") or a success envelope
	// ("before").
	FaultTruncated = "truncated"
	// FaultHTML answers a gateway's HTML error page, status 502 (or Status).
	FaultHTML = "html"
	// FaultInvalidToken answers the 401 "Invalid security token." envelope.
	FaultInvalidToken = "invalid-token"
)

var faultKinds = []string{FaultStatus, FaultReset, FaultDelay, FaultTruncated, FaultHTML, FaultInvalidToken}

// Fault is one injected failure for one request key (see Stats.Requests;
// "oauth/token" faults the login). Faults of a key fire in order; each fires
// for Count matching requests (default 1).
type Fault struct {
	// Key is the request key, e.g. "fortiflex/v2/entitlements/vm/create".
	Key string `json:"key"`
	// When is FaultBefore (default) or FaultAfter.
	When string `json:"when,omitempty"`
	// Kind is one of the Fault* kinds; "" = Status/Body.
	Kind string `json:"kind,omitempty"`
	// Status is the HTTP status to answer (default 500; 502 for "html";
	// 200 for "truncated").
	Status int `json:"status,omitempty"`
	// Body is sent verbatim (default: a FortiFlex error envelope).
	Body string `json:"body,omitempty"`
	// ContentType defaults to application/json (text/html for "html").
	ContentType string `json:"contentType,omitempty"`
	// Delay is the sleep of a "delay" fault, as a Go duration ("2s").
	Delay string `json:"delay,omitempty"`
	// RetryAfter, if > 0, sets the Retry-After header (seconds), e.g. with
	// Status 429.
	RetryAfter int `json:"retryAfter,omitempty"`
	// Count is how many matching requests the fault fires for (0 = 1). In
	// the /_sim/faults listing it is the number left.
	Count int `json:"count,omitempty"`
}

// gatewayHTML is the body of an "html" fault.
const gatewayHTML = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n" +
	"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"

func (f *Fault) check() error {
	f.Key = strings.ToLower(strings.Trim(f.Key, "/"))
	if f.When == "" {
		f.When = FaultBefore
	}
	switch {
	case f.Key == "":
		return errors.New("key is required")
	case f.When != FaultBefore && f.When != FaultAfter:
		return fmt.Errorf("when must be %q or %q", FaultBefore, FaultAfter)
	case !slices.Contains(faultKinds, f.Kind):
		return fmt.Errorf("kind must be one of %q", faultKinds)
	case f.Count < 0 || f.RetryAfter < 0:
		return errors.New("count and retryAfter must not be negative")
	case f.Status != 0 && (f.Status < 100 || f.Status > 999):
		return errors.New("status must be an HTTP status code")
	}
	if f.Delay != "" {
		if d, err := time.ParseDuration(f.Delay); err != nil || d < 0 {
			return fmt.Errorf("delay %q is not a duration such as \"2s\"", f.Delay)
		}
	}
	return nil
}

func (f Fault) delay() time.Duration {
	if d, err := time.ParseDuration(f.Delay); err == nil && f.Delay != "" {
		return d
	}
	return time.Second
}

// respond answers the request with the fault. real is the captured real
// answer for "after" faults (nil for "before").
func (f Fault) respond(w http.ResponseWriter, real *capture) {
	if f.Kind == FaultReset {
		abortConnection(w)
		return
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	code, body, ct := f.Status, f.Body, f.ContentType
	switch f.Kind {
	case FaultInvalidToken:
		writeEnvelopeError(w, &APIError{HTTP: http.StatusUnauthorized, Message: msgInvalidToken})
		return
	case FaultHTML:
		if code == 0 {
			code = http.StatusBadGateway
		}
		if body == "" {
			body = gatewayHTML
		}
		if ct == "" {
			ct = "text/html"
		}
	case FaultTruncated:
		if code == 0 {
			code = http.StatusOK
		}
		if body == "" {
			if real != nil {
				body = real.body.String()
			} else {
				body = string(envelopeBody("", nil))
			}
		}
		body = body[:len(body)/2]
	default:
		if code == 0 {
			code = http.StatusInternalServerError
		}
		if body == "" {
			msg := "Simulated fault."
			if code == http.StatusUnauthorized {
				msg = msgInvalidToken
			}
			writeEnvelopeError(w, &APIError{HTTP: code, Message: msg, Detail: nil})
			return
		}
	}
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
}

// abortConnection closes the client connection without an answer.
func abortConnection(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	// Not hijackable (HTTP/2, a recorder): net/http aborts the response.
	panic(http.ErrAbortHandler)
}

// sleepCtx sleeps d unless the request goes away first.
func sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// capture is an http.ResponseWriter that keeps the answer for replay.
type capture struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func newCapture() *capture { return &capture{header: http.Header{}, code: http.StatusOK} }

func (c *capture) Header() http.Header { return c.header }
func (c *capture) Write(b []byte) (int, error) {
	if c.body.Len() == 0 {
		c.body.Grow(len(b))
	}
	return c.body.Write(b)
}
func (c *capture) WriteHeader(code int) { c.code = code }

func (c *capture) replay(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.WriteHeader(c.code)
	_, _ = w.Write(c.body.Bytes())
}

// serveWithFaults runs handle for the request with key, applying the next
// queued fault of that key.
func (s *Server) serveWithFaults(w http.ResponseWriter, r *http.Request, key string, handle func(http.ResponseWriter)) {
	if f, ok := s.popFault(key, FaultBefore); ok {
		if f.Kind != FaultDelay {
			f.respond(w, nil)
			return
		}
		if !sleepCtx(r, f.delay()) {
			return
		}
	}
	c := newCapture()
	handle(c)
	if f, ok := s.popFault(key, FaultAfter); ok {
		if f.Kind != FaultDelay {
			f.respond(w, c) // the call happened; its answer is lost
			return
		}
		if !sleepCtx(r, f.delay()) {
			return
		}
	}
	c.replay(w)
}

// AddFault queues a fault. It returns an error (and queues nothing) when the
// fault is malformed.
func (s *Server) AddFault(f Fault) error {
	if err := f.check(); err != nil {
		return err
	}
	s.mu.Lock()
	s.faults[f.Key] = append(s.faults[f.Key], f)
	s.mu.Unlock()
	return nil
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = map[string][]Fault{}
	s.mu.Unlock()
}

// popFault takes the next fault queued for key if it fires at when.
func (s *Server) popFault(key, when string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[key]
	if len(q) == 0 || q[0].When != when {
		return Fault{}, false
	}
	f := q[0]
	if q[0].Count > 1 {
		q[0].Count--
	} else if len(q) == 1 {
		delete(s.faults, key)
	} else {
		s.faults[key] = q[1:]
	}
	return f, true
}

// --- redeem ---

// HookError is a failed test hook call.
type HookError struct {
	HTTP    int
	Message string
}

func (e *HookError) Error() string { return e.Message }

// Redeem simulates a device redeeming the token of the VM entitlement with
// this serial number (spec §6.2): PENDING → ACTIVE and tokenStatus USED; an
// ACTIVE or STOPPED entitlement only gets tokenStatus USED. Redeeming a USED
// token again changes nothing.
func (s *Server) Redeem(serialNumber string) error {
	_, err := s.redeem(serialNumber, "")
	return err
}

// RedeemToken is Redeem by license token.
func (s *Server) RedeemToken(token string) error {
	_, err := s.redeem("", token)
	return err
}

func (s *Server) redeem(serial, token string) (entitlementView, error) {
	s.mu.Lock()
	s.tick()
	var e *entitlement
	if serial != "" {
		e = s.st.entitlement(serial)
	} else if token != "" {
		e = s.st.byToken[token]
	}
	var err *HookError
	switch {
	case serial == "" && token == "":
		err = &HookError{http.StatusBadRequest, `body must be {"serialNumber":"..."} or {"token":"..."}`}
	case e == nil:
		err = &HookError{http.StatusNotFound, "entitlement not found"}
	case e.Token == "":
		err = &HookError{http.StatusBadRequest, "entitlement " + e.SerialNumber + " has no token (not a VM entitlement)"}
	case e.Status == statusExpired:
		err = &HookError{http.StatusBadRequest, "entitlement " + e.SerialNumber + " is EXPIRED"}
	}
	if err != nil {
		s.mu.Unlock()
		return entitlementView{}, err
	}
	e.TokenStatus = tokenUsed
	if e.Status == statusPending {
		e.Status = statusActive
		e.ActiveToday = true
	}
	v := e.view()
	s.mu.Unlock()
	s.afterWrite()
	return v, nil
}

// --- clock ---

type clockView struct {
	Now           string  `json:"now"`
	Offset        string  `json:"offset"`
	OffsetSeconds float64 `json:"offsetSeconds"`
}

func (s *Server) clockView() clockView {
	off := time.Duration(s.offset.Load())
	return clockView{Now: s.now().UTC().Format(time.RFC3339Nano), Offset: off.String(), OffsetSeconds: off.Seconds()}
}

type clockRequest struct {
	Advance *string  `json:"advance"`
	Days    *float64 `json:"days"`
	Set     *string  `json:"set"`
}

// --- /_sim/ hooks ---

// serveHook serves the test hooks. name is the lower-cased path after /_sim/.
//
//	GET  /_sim              index: the hooks and the (invented) point rates
//	GET  /_sim/stats        counters (Stats)
//	POST /_sim/reset        state back to the seed, clock offset, counters and faults zeroed
//	POST /_sim/reset-stats  counters zeroed
//	GET  /_sim/state        Dump
//	POST /_sim/state        Load (body = a Dump)
//	GET  /_sim/faults       queued faults; POST adds one (Fault JSON); DELETE clears
//	POST /_sim/redeem       {"serialNumber":"..."} or {"token":"..."}: a device redeems a token
//	GET  /_sim/clock        the simulated time; POST {"advance":"48h"} | {"days":N} | {"set":"RFC 3339"}
//	GET  /_sim/rates        the invented point-rate table
func (s *Server) serveHook(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "":
		writeHookJSON(w, http.StatusOK, map[string]any{
			"hooks": map[string]string{
				"GET /_sim/stats":        "counters: logins, refreshes, requests per key",
				"POST /_sim/reset":       "state back to the seed; clock offset, counters and faults zeroed",
				"POST /_sim/reset-stats": "counters zeroed",
				"GET /_sim/state":        "dump the state",
				"POST /_sim/state":       "load a dump",
				"GET /_sim/faults":       "queued faults",
				"POST /_sim/faults":      `queue {"key":"fortiflex/v2/...|oauth/token","when":"before|after","kind":"|reset|delay|truncated|html|invalid-token","status":N,"body":"...","contentType":"...","delay":"2s","retryAfter":N,"count":N}`,
				"DELETE /_sim/faults":    "drop queued faults",
				"POST /_sim/redeem":      `{"serialNumber":"..."} or {"token":"..."}: PENDING → ACTIVE, tokenStatus USED`,
				"GET /_sim/clock":        "the simulated time and offset",
				"POST /_sim/clock":       `{"advance":"48h"} | {"days":N} | {"set":"2027-01-01T00:00:00Z"}`,
				"GET /_sim/rates":        "the invented point-rate table",
			},
			"pointRates": ratesDoc(),
		})
	case "rates":
		writeHookJSON(w, http.StatusOK, ratesDoc())
	case "redeem":
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			hookError(w, http.StatusMethodNotAllowed, "use POST")
			return
		}
		var body struct {
			SerialNumber string `json:"serialNumber"`
			Token        string `json:"token"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes)).Decode(&body); err != nil {
			hookError(w, http.StatusBadRequest, `body must be {"serialNumber":"..."} or {"token":"..."}`)
			return
		}
		v, err := s.redeem(strings.TrimSpace(body.SerialNumber), strings.TrimSpace(body.Token))
		if err != nil {
			var he *HookError
			errors.As(err, &he)
			hookError(w, he.HTTP, he.Message)
			return
		}
		writeHookJSON(w, http.StatusOK, v)
	case "clock":
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			writeHookJSON(w, http.StatusOK, s.clockView())
		case http.MethodPost:
			s.clockHook(w, r)
		default:
			w.Header().Set("Allow", "GET, POST")
			hookError(w, http.StatusMethodNotAllowed, "use GET or POST")
		}
	case "stats":
		writeHookJSON(w, http.StatusOK, s.Stats())
	case "reset":
		s.Reset()
		s.afterWrite()
		writeHookJSON(w, http.StatusOK, map[string]string{"status": "reset"})
	case "reset-stats":
		s.ResetStats()
		writeHookJSON(w, http.StatusOK, map[string]string{"status": "reset"})
	case "state":
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			data, err := s.Dump()
			if err != nil {
				hookError(w, http.StatusInternalServerError, err.Error())
				return
			}
			writeRaw(w, http.StatusOK, append(data, '\n'))
		case http.MethodPost, http.MethodPut:
			data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<20))
			if err == nil {
				err = s.Load(data)
			}
			if err != nil {
				hookError(w, http.StatusBadRequest, err.Error())
				return
			}
			s.afterWrite()
			writeHookJSON(w, http.StatusOK, map[string]string{"status": "loaded"})
		default:
			w.Header().Set("Allow", "GET, POST")
			hookError(w, http.StatusMethodNotAllowed, "use GET to dump or POST to load")
		}
	case "faults":
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			s.mu.Lock()
			keys := make([]string, 0, len(s.faults))
			for k := range s.faults {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			out := []Fault{}
			for _, k := range keys {
				out = append(out, s.faults[k]...)
			}
			s.mu.Unlock()
			writeHookJSON(w, http.StatusOK, out)
		case http.MethodPost:
			var f Fault
			err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes)).Decode(&f)
			if err == nil {
				err = s.AddFault(f)
			}
			if err != nil {
				hookError(w, http.StatusBadRequest, `body must be {"key":"fortiflex/v2/...","when":"before|after","kind":"|reset|delay|truncated|html|invalid-token","status":N,"body":"...","delay":"2s","retryAfter":N,"count":N}: `+err.Error())
				return
			}
			writeHookJSON(w, http.StatusOK, map[string]string{"status": "queued"})
		case http.MethodDelete:
			s.ClearFaults()
			writeHookJSON(w, http.StatusOK, map[string]string{"status": "cleared"})
		default:
			w.Header().Set("Allow", "GET, POST, DELETE")
			hookError(w, http.StatusMethodNotAllowed, "use GET, POST or DELETE")
		}
	default:
		hookError(w, http.StatusNotFound, "unknown test hook /_sim/"+name)
	}
}

func writeHookJSON(w http.ResponseWriter, code int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		hookError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeRaw(w, code, append(data, '\n'))
}

func hookError(w http.ResponseWriter, code int, msg string) {
	data, _ := json.Marshal(map[string]string{"error": msg})
	writeRaw(w, code, append(data, '\n'))
}

// clockHook moves the simulator clock: exactly one of advance (a Go
// duration, not negative), days (not negative) or set (a date in any
// request form, RFC 3339 included).
func (s *Server) clockHook(w http.ResponseWriter, r *http.Request) {
	const usage = `body must be one of {"advance":"48h"}, {"days":N} or {"set":"2027-01-01T00:00:00Z"}`
	var body clockRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes)).Decode(&body); err != nil {
		hookError(w, http.StatusBadRequest, usage)
		return
	}
	n := 0
	for _, given := range []bool{body.Advance != nil, body.Days != nil, body.Set != nil} {
		if given {
			n++
		}
	}
	if n != 1 {
		hookError(w, http.StatusBadRequest, usage)
		return
	}
	switch {
	case body.Advance != nil:
		d, err := time.ParseDuration(strings.TrimSpace(*body.Advance))
		if err != nil || d < 0 {
			hookError(w, http.StatusBadRequest, "advance must be a non-negative Go duration such as \"48h\"")
			return
		}
		s.AdvanceClock(d)
	case body.Days != nil:
		if *body.Days < 0 || *body.Days > 100000 {
			hookError(w, http.StatusBadRequest, "days must be between 0 and 100000")
			return
		}
		s.AdvanceClock(time.Duration(*body.Days * float64(24*time.Hour)))
	default:
		t, ok := parseDate(*body.Set)
		if !ok {
			hookError(w, http.StatusBadRequest, "set must be a date such as \"2027-01-01T00:00:00Z\"")
			return
		}
		s.SetClock(t)
	}
	writeHookJSON(w, http.StatusOK, s.clockView())
}
