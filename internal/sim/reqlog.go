package sim

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// WithRequestLog wraps h so that each request writes one line to out:
// method, path (without query string), HTTP status and duration. Bodies,
// query strings and headers (Authorization) are never logged.
func WithRequestLog(h http.Handler, out io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		line := fmt.Sprintf("%s %s %s %d %s\n", start.UTC().Format("2006-01-02T15:04:05.000Z"),
			r.Method, r.URL.EscapedPath(), rec.status, time.Since(start).Round(time.Microsecond))
		mu.Lock()
		_, _ = io.WriteString(out, line)
		mu.Unlock()
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection (the "reset"
// fault hijacks it).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
