package fortiflex

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// Token is an OAuth access token with its lifetime. Its String and GoString
// methods never print the token values.
type Token struct {
	AccessToken  string
	RefreshToken string
	ObtainedAt   time.Time
	ExpiresAt    time.Time
}

// renewMargin is how long before expiry a token is considered spent: a call
// started with it must not reach the server after it has expired, and
// processes sharing a FileTokenStore may have slightly different clocks.
const renewMargin = 60 * time.Second

// Valid reports whether the token can still be used at now. A token is
// renewed 60 s (renewMargin) before ExpiresAt, i.e. 3600 s into the API's
// usual 3660 s lifetime; a token that lives less than 120 s is renewed at half
// its lifetime instead, so that it is used at all.
func (t Token) Valid(now time.Time) bool {
	if t.AccessToken == "" || t.ExpiresAt.IsZero() {
		return false
	}
	margin := renewMargin
	if life := t.ExpiresAt.Sub(t.ObtainedAt); !t.ObtainedAt.IsZero() && life/2 < margin {
		margin = life / 2
	}
	return now.Before(t.ExpiresAt.Add(-margin))
}

// String hides the secrets.
func (t Token) String() string {
	return "fortiflex.Token{expires " + t.ExpiresAt.UTC().Format(time.RFC3339) + "}"
}

// GoString hides the secrets from %#v.
func (t Token) GoString() string { return t.String() }

// TokenStore keeps tokens between calls, keyed by a credential fingerprint
// (see Fingerprint) that never contains the password. The client calls it
// under its own login mutex; implementations shared between processes (a file
// cache) can also implement TokenLocker so that parallel processes log in once.
//
// Errors from a store are logged and otherwise ignored: a broken cache costs
// a login, never a failed call.
type TokenStore interface {
	// Load returns the stored token for key; ok is false when there is none.
	Load(ctx context.Context, key string) (tok Token, ok bool, err error)
	// Save stores tok for key, replacing any previous one.
	Save(ctx context.Context, key string, tok Token) error
	// Clear forgets the token for key.
	Clear(ctx context.Context, key string) error
}

// TokenLocker is an optional TokenStore extension: Lock holds an exclusive
// lock for key (across processes for a file cache) until unlock is called.
// The client takes it around "load, and if needed log in and save".
type TokenLocker interface {
	Lock(ctx context.Context, key string) (unlock func(), err error)
}

// Fingerprint derives the TokenStore key for a credential set:
// hex(HMAC-SHA256(key=password, "fortiflex-token-v1\x00"+authURL+"\x00"+username)).
// The auth URL is part of it so that tokens of a simulator and of the real
// service never mix. The password cannot be read back from it.
func Fingerprint(authURL, username, password string) string {
	m := hmac.New(sha256.New, []byte(password))
	m.Write([]byte("fortiflex-token-v1\x00" + authURL + "\x00" + clientID + "\x00" + username))
	return hex.EncodeToString(m.Sum(nil))
}

// MemoryTokenStore is the default TokenStore: tokens live in this process only.
type MemoryTokenStore struct {
	mu     sync.Mutex
	tokens map[string]Token
}

// NewMemoryTokenStore returns an empty in-memory store.
func NewMemoryTokenStore() *MemoryTokenStore {
	return &MemoryTokenStore{tokens: map[string]Token{}}
}

// Load implements TokenStore.
func (s *MemoryTokenStore) Load(_ context.Context, key string) (Token, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[key]
	return t, ok, nil
}

// Save implements TokenStore.
func (s *MemoryTokenStore) Save(_ context.Context, key string, tok Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	s.tokens[key] = tok
	return nil
}

// Clear implements TokenStore.
func (s *MemoryTokenStore) Clear(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, key)
	return nil
}
