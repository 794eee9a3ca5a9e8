//go:build unix && !aix && !solaris

package fortiflex

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"time"
)

// lockFile takes an exclusive flock(2) on path, creating it (mode 0600) if
// needed. It polls with LOCK_NB and short sleeps so that ctx is honoured.
// The lock file is never removed: removing it would let two holders lock two
// different files.
func lockFile(ctx context.Context, path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("token cache lock: %w", err)
	}
	fd := int(f.Fd())
	wait := time.Millisecond
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(fd, syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN) {
			_ = f.Close()
			return nil, fmt.Errorf("token cache lock: %w", err)
		}
		d := wait + time.Duration(rand.Int64N(int64(wait)/2+1)) // jitter spreads the waiters
		timer := time.NewTimer(d)
		select {
		case <-ctx.Done():
			timer.Stop()
			_ = f.Close()
			return nil, ctx.Err()
		case <-timer.C:
		}
		if wait < 20*time.Millisecond {
			wait *= 2
		}
	}
}

// checkCacheDir refuses a cache directory that belongs to another user or
// that group or others can write to.
func checkCacheDir(dir string, fi os.FileInfo) error {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("token cache directory %s belongs to another user (uid %d); use a directory of your own", dir, st.Uid)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("token cache directory %s is writable by group or others (mode %04o); make it private (chmod 700) or use another directory", dir, perm)
	}
	return nil
}

// syncDir makes a rename or removal in dir durable; best effort (some file
// systems cannot sync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
