package fortiflex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// tokenCacheApp names this program's folder in the user's cache directory.
const tokenCacheApp = "flexgo-fortiflexvm"

// maxTokenFileBytes bounds what Load reads; a token file is a few hundred bytes.
const maxTokenFileBytes = 64 << 10

// DefaultTokenCacheDir returns where the token cache lives by default:
// $XDG_CACHE_HOME/flexgo-fortiflexvm/tokens when XDG_CACHE_HOME is an
// absolute path, else $HOME/.cache/flexgo-fortiflexvm/tokens (on every
// system, macOS included). It does not create the directory.
func DefaultTokenCacheDir() (string, error) {
	if x := os.Getenv("XDG_CACHE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, tokenCacheApp, "tokens"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", fmt.Errorf("cannot find the token cache directory: neither XDG_CACHE_HOME nor HOME is set")
	}
	return filepath.Join(home, ".cache", tokenCacheApp, "tokens"), nil
}

// FileTokenStore is a TokenStore and TokenLocker that keeps tokens in files,
// so that separate processes using the same credentials (Ansible runs one
// module process per task and host) share one token and log in once.
//
// Each key (a credential Fingerprint: an HMAC, never the password) has
// <dir>/<key>.json, mode 0600, holding the access token, the refresh token
// and when they were obtained and expire. Files are replaced atomically
// (temporary file in the same directory, fsync, rename), so a reader sees the
// old or the new token, never part of one. A file that cannot be read or
// parsed counts as no token. Lock takes <dir>/<key>.lock with flock(2) on
// Linux, macOS and the BSDs, which other processes honour; elsewhere it only
// excludes goroutines of this process.
//
// The zero value is not usable; call NewFileTokenStore.
type FileTokenStore struct {
	dir string

	mu   sync.Mutex
	sems map[string]chan struct{} // per key: excludes this process's goroutines
}

var (
	_ TokenStore  = (*FileTokenStore)(nil)
	_ TokenLocker = (*FileTokenStore)(nil)
)

// NewFileTokenStore opens the token cache in dir, creating it (and its
// parents) with mode 0700 when missing. An existing directory must belong to
// the current user and must not be writable by group or others (on Unix);
// anything else is refused with ErrInvalidOption, since whoever can write
// there could plant a token.
func NewFileTokenStore(dir string) (*FileTokenStore, error) {
	if strings.TrimSpace(dir) == "" {
		return nil, fmt.Errorf("%w: the token cache directory is empty", ErrInvalidOption)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: token cache directory %q: %v", ErrInvalidOption, dir, err)
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return nil, fmt.Errorf("cannot create the token cache directory: %w", err)
		}
		// The umask may have narrowed it; make sure it is exactly private.
		if err := os.Chmod(abs, 0o700); err != nil {
			return nil, fmt.Errorf("cannot make the token cache directory private: %w", err)
		}
		fi, err = os.Stat(abs)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot use the token cache directory: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%w: token cache path %s is not a directory", ErrInvalidOption, abs)
	}
	if err := checkCacheDir(abs, fi); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidOption, err)
	}
	return &FileTokenStore{dir: abs, sems: map[string]chan struct{}{}}, nil
}

// Dir returns the absolute path of the cache directory.
func (s *FileTokenStore) Dir() string { return s.dir }

// path returns <dir>/<key><suffix> after checking that key is a plain name.
func (s *FileTokenStore) path(key, suffix string) (string, error) {
	if !validCacheKey(key) {
		return "", fmt.Errorf("token cache key is not a plain name of letters, digits, '-' and '_'")
	}
	return filepath.Join(s.dir, key+suffix), nil
}

func validCacheKey(key string) bool {
	if key == "" || len(key) > 128 {
		return false
	}
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// tokenFile is the content of <key>.json.
type tokenFile struct {
	Version      int       `json:"version"`
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	ObtainedAt   time.Time `json:"obtained_at"`
	ExpiresAt    time.Time `json:"expires_at"`
}

const tokenFileVersion = 1

// parseTokenFile reads a token file. Its errors never quote the content.
func parseTokenFile(b []byte) (Token, error) {
	var f tokenFile
	if err := json.Unmarshal(b, &f); err != nil {
		return Token{}, errors.New("not a token file (invalid JSON or wrong types)")
	}
	switch {
	case f.Version != tokenFileVersion:
		return Token{}, fmt.Errorf("unknown token file version %d", f.Version)
	case f.AccessToken == "":
		return Token{}, errors.New("token file has no access token")
	case f.ExpiresAt.IsZero():
		return Token{}, errors.New("token file has no expiry")
	}
	return Token{AccessToken: f.AccessToken, RefreshToken: f.RefreshToken, ObtainedAt: f.ObtainedAt, ExpiresAt: f.ExpiresAt}, nil
}

// Load implements TokenStore. A missing file is no token; a file that cannot
// be read or parsed is no token too, with an error saying why (the client
// logs it and logs in).
func (s *FileTokenStore) Load(_ context.Context, key string) (Token, bool, error) {
	p, err := s.path(key, ".json")
	if err != nil {
		return Token{}, false, err
	}
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Token{}, false, nil
	}
	if err != nil {
		return Token{}, false, fmt.Errorf("token cache: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return Token{}, false, fmt.Errorf("token cache: %s is not a regular file, ignoring it", p)
	}
	if fi.Size() > maxTokenFileBytes {
		return Token{}, false, fmt.Errorf("token cache: %s is too large to be a token file, ignoring it", p)
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Token{}, false, nil // cleared meanwhile
	}
	if err != nil {
		return Token{}, false, fmt.Errorf("token cache: %w", err)
	}
	tok, err := parseTokenFile(b)
	if err != nil {
		return Token{}, false, fmt.Errorf("token cache: ignoring %s: %v", p, err)
	}
	return tok, true, nil
}

// Save implements TokenStore: it writes a temporary file (mode 0600) in the
// cache directory, syncs it and renames it over <key>.json.
func (s *FileTokenStore) Save(_ context.Context, key string, tok Token) (err error) {
	p, err := s.path(key, ".json")
	if err != nil {
		return err
	}
	b, err := json.Marshal(tokenFile{
		Version:      tokenFileVersion,
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ObtainedAt:   tok.ObtainedAt.UTC(),
		ExpiresAt:    tok.ExpiresAt.UTC(),
	})
	if err != nil {
		return fmt.Errorf("token cache: encoding: %w", err)
	}
	f, err := os.CreateTemp(s.dir, "."+key+".*.tmp")
	if err != nil {
		return fmt.Errorf("token cache: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("token cache: %w", err)
	}
	if _, err = f.Write(b); err != nil {
		return fmt.Errorf("token cache: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("token cache: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("token cache: %w", err)
	}
	if err = os.Rename(tmp, p); err != nil {
		return fmt.Errorf("token cache: %w", err)
	}
	syncDir(s.dir)
	return nil
}

// Clear implements TokenStore.
func (s *FileTokenStore) Clear(_ context.Context, key string) error {
	p, err := s.path(key, ".json")
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("token cache: %w", err)
	}
	syncDir(s.dir)
	return nil
}

// Lock implements TokenLocker: it holds <dir>/<key>.lock exclusively (flock,
// so across processes) until unlock is called. It waits while another holder
// has it, giving up with ctx.Err() when ctx is done. unlock may be called
// more than once.
func (s *FileTokenStore) Lock(ctx context.Context, key string) (func(), error) {
	p, err := s.path(key, ".lock")
	if err != nil {
		return nil, err
	}
	sem := s.sem(key)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release, err := lockFile(ctx, p)
	if err != nil {
		<-sem
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			release()
			<-sem
		})
	}, nil
}

func (s *FileTokenStore) sem(key string) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sems == nil {
		s.sems = map[string]chan struct{}{}
	}
	ch, ok := s.sems[key]
	if !ok {
		ch = make(chan struct{}, 1)
		s.sems[key] = ch
	}
	return ch
}
