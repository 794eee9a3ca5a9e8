package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"

	"github.com/stretchr/testify/require"
)

// errEnv is the exact 400-style error envelope for msg (error = message).
func errEnv(msg string) string {
	q, _ := json.Marshal(msg)
	return `{"status":-1,"message":` + string(q) + `,"error":` + string(q) + "}\n"
}

// must posts and requires a 200 answer.
func (f *fixture) must(tok, endpoint, body string) resp {
	f.t.Helper()
	r := f.api(tok, endpoint, body)
	require.Equal(f.t, http.StatusOK, r.code, "%s %s: %s", endpoint, body, r.body)
	return r
}

// hook calls a /_sim/ hook.
func (f *fixture) hook(method, name, body string) resp {
	f.t.Helper()
	return f.do(method, "/_sim/"+name, "application/json", body, nil)
}

// setStatus forces an entitlement's status (for state-machine tables).
func (f *fixture) setStatus(serial, status string) {
	f.t.Helper()
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	e := f.srv.st.entitlement(serial)
	require.NotNil(f.t, e, serial)
	e.Status = status
	e.ActiveToday = status == statusActive
}

// newVM creates one VM entitlement on config 5000 and returns its serial.
func (f *fixture) newVM(tok string, extra string) string {
	f.t.Helper()
	r := f.must(tok, "entitlements/vm/create", `{"configId":5000,"count":1`+extra+`}`)
	return r.get("entitlements.0.serialNumber").String()
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
