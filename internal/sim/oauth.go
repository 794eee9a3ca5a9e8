package sim

import (
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// clientID is the OAuth client id of the FortiFlex portal (spec §2.1).
const clientID = "flexvm"

// session is one issued access token and its refresh token.
type session struct {
	user    string
	access  string
	refresh string
	expires time.Time
}

type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int64  `json:"expires_in"`
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
	RefreshToken string `json:"refresh_token"`
	Message      string `json:"message"`
	Status       string `json:"status"`
}

type oauthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func writeOAuth(w http.ResponseWriter, code int, v any) {
	data, _ := json.Marshal(v)
	writeRaw(w, code, append(data, '\n'))
}

func oauthFail(w http.ResponseWriter, code int, kind, desc string) {
	writeOAuth(w, code, oauthError{Error: kind, ErrorDescription: desc})
}

// serveOAuth handles /api/v1/oauth/<name>[/]. name is lower-cased.
// Faults queued for "oauth/<name>" apply (e.g. "oauth/token" faults the
// login).
func (s *Server) serveOAuth(w http.ResponseWriter, r *http.Request, name string) {
	key := "oauth/" + name
	s.countRequest(key)
	s.serveWithFaults(w, r, key, func(w http.ResponseWriter) {
		switch name {
		case "token":
			s.oauthToken(w, r)
		case "verify_token":
			s.oauthVerify(w, r)
		case "revoke_token":
			s.oauthRevoke(w, r)
		default:
			oauthFail(w, http.StatusNotFound, "not_found", "Unknown OAuth endpoint.")
		}
	})
}

// oauthForm reads a JSON or form-urlencoded body into a flat string map.
// A body starting with '{' is JSON, anything else a form.
// ok=false means the body could not be parsed.
func oauthForm(r *http.Request) (map[string]string, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		return nil, false
	}
	out := map[string]string{}
	body := strings.TrimSpace(string(data))
	if body == "" {
		return out, true
	}
	// The body decides, not Content-Type: `curl -d '{...}'` labels JSON as a form.
	if body[0] != '{' {
		vals, err := url.ParseQuery(body)
		if err != nil {
			return nil, false
		}
		for k := range vals {
			out[k] = vals.Get(k)
		}
		return out, true
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		return nil, false
	}
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = v
		case nil:
		default:
			// Non-string values are passed on as JSON text; they never match.
			b, _ := json.Marshal(v)
			out[k] = string(b)
		}
	}
	return out, true
}

func (s *Server) oauthToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		oauthFail(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed.")
		return
	}
	f, ok := oauthForm(r)
	if !ok {
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Malformed request body.")
		return
	}
	switch {
	case f["client_id"] == "":
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Missing client_id parameter.")
		return
	case f["client_id"] != clientID:
		oauthFail(w, http.StatusBadRequest, "invalid_client", "Invalid client_id.")
		return
	case f["grant_type"] == "":
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Missing grant_type parameter.")
		return
	}
	switch f["grant_type"] {
	case "password":
		s.passwordGrant(w, f)
	case "refresh_token":
		s.refreshGrant(w, f)
	default:
		oauthFail(w, http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant_type; use password or refresh_token.")
	}
}

func (s *Server) passwordGrant(w http.ResponseWriter, f map[string]string) {
	for _, k := range []string{"username", "password"} {
		if f[k] == "" {
			oauthFail(w, http.StatusBadRequest, "invalid_request", "Request is missing "+k+" parameter.")
			return
		}
	}
	u, known := s.users[f["username"]]
	if !known || subtle.ConstantTimeCompare([]byte(u.Password), []byte(f["password"])) != 1 {
		oauthFail(w, http.StatusUnauthorized, "invalid_grant", "Invalid credentials given.")
		return
	}
	s.mu.Lock()
	if s.opts.OneTokenPerUser {
		for _, old := range s.sessions {
			if old.user == u.Name {
				s.dropSession(old)
			}
		}
	}
	sess := s.newSession(u.Name)
	s.stats.Logins++
	s.mu.Unlock()
	s.writeToken(w, sess)
}

func (s *Server) refreshGrant(w http.ResponseWriter, f map[string]string) {
	rt := f["refresh_token"]
	if rt == "" {
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Missing refresh_token parameter.")
		return
	}
	s.mu.Lock()
	old := s.refresh[rt]
	if old == nil {
		s.mu.Unlock()
		oauthFail(w, http.StatusUnauthorized, "invalid_grant", "Invalid refresh token.")
		return
	}
	// Refresh tokens are single-use; the old access token dies with them.
	s.dropSession(old)
	sess := s.newSession(old.user)
	s.stats.Refreshes++
	s.mu.Unlock()
	s.writeToken(w, sess)
}

// newSession issues a token pair. Call with s.mu held.
func (s *Server) newSession(user string) *session {
	sess := &session{
		user:    user,
		access:  newOAuthToken(),
		refresh: newOAuthToken(),
		expires: s.now().Add(s.opts.TokenTTL),
	}
	s.sessions[sess.access] = sess
	s.refresh[sess.refresh] = sess
	return sess
}

// dropSession revokes both tokens of sess. Call with s.mu held.
func (s *Server) dropSession(sess *session) {
	delete(s.sessions, sess.access)
	delete(s.refresh, sess.refresh)
}

func (s *Server) writeToken(w http.ResponseWriter, sess *session) {
	writeOAuth(w, http.StatusOK, tokenResponse{
		AccessToken:  sess.access,
		ExpiresIn:    int64(s.opts.TokenTTL / time.Second),
		TokenType:    "Bearer",
		Scope:        "read write",
		RefreshToken: sess.refresh,
		Message:      "successfully authenticated",
		Status:       "success",
	})
}

type verifyResponse struct {
	ClientID  string `json:"client_id"`
	ExpiresIn int64  `json:"expires_in"`
	Scope     string `json:"scope"`
	TokenType string `json:"token_type"`
	Message   string `json:"message"`
	Status    string `json:"status"`
}

// oauthVerify — spec §2.4: GET with the bearer token; expires_in is the
// remaining lifetime in seconds.
func (s *Server) oauthVerify(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		oauthFail(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed.")
		return
	}
	if c := r.URL.Query().Get("client_id"); c != "" && c != clientID {
		oauthFail(w, http.StatusBadRequest, "invalid_client", "Invalid client_id.")
		return
	}
	scheme, tok, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	tok = strings.TrimSpace(tok)
	s.mu.Lock()
	sess := s.sessions[tok]
	var remaining time.Duration
	if sess != nil {
		remaining = sess.expires.Sub(s.now())
	}
	s.mu.Unlock()
	if !strings.EqualFold(scheme, "Bearer") || sess == nil || remaining <= 0 {
		oauthFail(w, http.StatusUnauthorized, "invalid_token", "Invalid or expired token.")
		return
	}
	writeOAuth(w, http.StatusOK, verifyResponse{
		ClientID:  clientID,
		ExpiresIn: int64(remaining / time.Second),
		Scope:     "read write",
		TokenType: "Bearer",
		Message:   "token is valid",
		Status:    "success",
	})
}

// oauthRevoke — spec §2.5: revokes an access or refresh token (and its
// pair). Unknown tokens are accepted silently (RFC 7009).
func (s *Server) oauthRevoke(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		oauthFail(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed.")
		return
	}
	f, ok := oauthForm(r)
	if !ok {
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Malformed request body.")
		return
	}
	if f["client_id"] != clientID {
		oauthFail(w, http.StatusUnauthorized, "invalid_client", "Invalid client_id.")
		return
	}
	tok := f["token"]
	if tok == "" {
		oauthFail(w, http.StatusBadRequest, "invalid_request", "Missing token parameter.")
		return
	}
	s.mu.Lock()
	if sess := s.sessions[tok]; sess != nil {
		s.dropSession(sess)
	} else if sess := s.refresh[tok]; sess != nil {
		s.dropSession(sess)
	}
	s.mu.Unlock()
	writeOAuth(w, http.StatusOK, map[string]string{"status": "success", "message": "token revoked"})
}
