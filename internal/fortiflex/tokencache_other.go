//go:build !unix || aix || solaris

package fortiflex

import (
	"context"
	"os"
)

// lockFile has no cross-process lock on this system: FileTokenStore.Lock then
// only excludes the goroutines of this process (the release binaries are
// built for Linux and macOS, which use flock).
func lockFile(_ context.Context, _ string) (func(), error) {
	return func() {}, nil
}

// checkCacheDir does not check ownership here: Unix permission bits do not
// describe who can write the directory on this system.
func checkCacheDir(_ string, _ os.FileInfo) error { return nil }

// syncDir is not needed (or not possible) for directories here.
func syncDir(_ string) {}
