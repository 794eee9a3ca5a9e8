package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
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

// Fault is one injected failure for one request key (see Stats.Requests).
// Faults of a key fire in order, one per matching request.
type Fault struct {
	// Key is the request key, e.g. "fortiflex/v2/entitlements/vm/create".
	Key string `json:"key"`
	// When is FaultBefore (default) or FaultAfter.
	When string `json:"when,omitempty"`
	// Status is the HTTP status to answer (default 500).
	Status int `json:"status,omitempty"`
	// Body is sent verbatim (default: a FortiFlex error envelope).
	Body string `json:"body,omitempty"`
	// ContentType defaults to application/json.
	ContentType string `json:"contentType,omitempty"`
}

func (f Fault) write(w http.ResponseWriter) {
	code := f.Status
	if code == 0 {
		code = http.StatusInternalServerError
	}
	body := f.Body
	if body == "" {
		msg := "Simulated fault."
		if code == http.StatusUnauthorized {
			msg = msgInvalidToken
		}
		writeEnvelopeError(w, &APIError{HTTP: code, Message: msg, Detail: nil})
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
}

// AddFault queues a fault.
func (s *Server) AddFault(f Fault) {
	f.Key = strings.ToLower(strings.Trim(f.Key, "/"))
	if f.When == "" {
		f.When = FaultBefore
	}
	s.mu.Lock()
	s.faults[f.Key] = append(s.faults[f.Key], f)
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
	s.faults[key] = q[1:]
	return q[0], true
}

// --- /_sim/ hooks ---

// serveHook serves the test hooks. name is the lower-cased path after /_sim/.
//
//	GET  /_sim/stats        counters (Stats)
//	POST /_sim/reset        state back to the seed, counters and faults zeroed
//	POST /_sim/reset-stats  counters zeroed
//	GET  /_sim/state        Dump
//	POST /_sim/state        Load (body = a Dump)
//	GET  /_sim/faults       queued faults; POST adds one (Fault JSON); DELETE clears
func (s *Server) serveHook(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
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
			out := []Fault{}
			for _, q := range s.faults {
				out = append(out, q...)
			}
			s.mu.Unlock()
			writeHookJSON(w, http.StatusOK, out)
		case http.MethodPost:
			var f Fault
			if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes)).Decode(&f); err != nil || f.Key == "" ||
				(f.When != "" && f.When != FaultBefore && f.When != FaultAfter) {
				hookError(w, http.StatusBadRequest, `body must be {"key":"fortiflex/v2/...","when":"before|after","status":N,"body":"..."}`)
				return
			}
			s.AddFault(f)
			writeHookJSON(w, http.StatusOK, map[string]string{"status": "queued"})
		case http.MethodDelete:
			s.mu.Lock()
			s.faults = map[string][]Fault{}
			s.mu.Unlock()
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
