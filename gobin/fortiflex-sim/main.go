// Command fortiflex-sim runs the FortiFlex API simulator (internal/sim) on a
// local listener.
//
//	fortiflex-sim --listen 127.0.0.1:PORT --user NAME:PASSWORD [--user NAME:PASSWORD:readonly ...] | --users-file FILE
//	              [--seed demo|empty] [--state FILE] [--addr-file FILE] [--allow-remote]
//	              [--one-token-per-user] [--token-ttl 3660s] [--points-lookback-days 90]
//
// Test hooks are served under /_sim/ (GET /_sim lists them, with the
// simulator's invented point rates).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/flexgo/fortiflexvm/internal/sim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fortiflex-sim:", err)
		var ue usageError
		if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

const usage = `usage: fortiflex-sim --listen 127.0.0.1:PORT (--user NAME:PASSWORD[:readonly] ... | --users-file FILE)
                     [--seed demo|empty] [--state FILE] [--addr-file FILE] [--allow-remote]
                     [--one-token-per-user] [--token-ttl DURATION] [--points-lookback-days N]`

// usageError is a command-line mistake (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + "\n" + usage }

type userList []sim.User

func (u *userList) String() string { return fmt.Sprintf("%d users", len(*u)) }

// Set parses NAME:PASSWORD[:readonly]. The password may contain ':'; a
// trailing ":readonly" marks a read-only user.
func (u *userList) Set(v string) error {
	name, pass, ok := strings.Cut(v, ":")
	if !ok || name == "" || pass == "" {
		return errors.New("want NAME:PASSWORD or NAME:PASSWORD:readonly")
	}
	ro := false
	if p, found := strings.CutSuffix(pass, ":readonly"); found && p != "" {
		pass, ro = p, true
	}
	*u = append(*u, sim.User{Name: name, Password: pass, ReadOnly: ro})
	return nil
}

// readFile adds the users of a --users-file: one NAME:PASSWORD[:readonly]
// per line; blank lines and lines starting with # are skipped. Errors name
// the line, never its content (it holds a password).
func (u *userList) readFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := u.Set(line); err != nil {
			return fmt.Errorf("%s line %d: %v", path, i+1, err)
		}
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s holds no user", path)
	}
	return nil
}

type config struct {
	listen      string
	users       userList
	seed        string
	stateFile   string
	addrFile    string
	allowRemote bool
	oneToken    bool
	tokenTTL    time.Duration
	lookback    int
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("fortiflex-sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage); fs.PrintDefaults() }
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	fs.Var(&c.users, "user", "API user NAME:PASSWORD[:readonly] (repeatable; the password shows in the process list, see --users-file)")
	fs.Func("users-file", "file of API users, one NAME:PASSWORD[:readonly] per line (# comments, blank lines ignored); keeps passwords out of the process list", func(path string) error {
		return c.users.readFile(path)
	})
	fs.StringVar(&c.seed, "seed", sim.SeedDemo, "initial data: demo or empty")
	fs.StringVar(&c.stateFile, "state", "", "state file: loaded at start if present, saved after each write and on exit")
	fs.StringVar(&c.addrFile, "addr-file", "", "write the base URL (http://HOST:PORT) here once listening")
	fs.BoolVar(&c.allowRemote, "allow-remote", false, "allow a non-loopback listen address")
	fs.BoolVar(&c.oneToken, "one-token-per-user", false, "a new login revokes the user's earlier access tokens")
	fs.DurationVar(&c.tokenTTL, "token-ttl", sim.DefaultTokenTTL, "access-token lifetime")
	fs.IntVar(&c.lookback, "points-lookback-days", sim.DefaultPointsLookbackDays, "entitlements/points history depth in days (-1 = unlimited)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return c, usageError{"unexpected arguments: " + strings.Join(fs.Args(), " ")}
	}
	if len(c.users) == 0 {
		return c, usageError{"at least one --user NAME:PASSWORD (or --users-file FILE) is required"}
	}
	if c.tokenTTL <= 0 {
		return c, usageError{fmt.Sprintf("--token-ttl must be positive, not %s", c.tokenTTL)}
	}
	if c.lookback == 0 || c.lookback < -1 {
		return c, usageError{fmt.Sprintf("--points-lookback-days must be positive or -1, not %d", c.lookback)}
	}
	if c.seed != sim.SeedDemo && c.seed != sim.SeedEmpty {
		return c, usageError{fmt.Sprintf("--seed must be demo or empty, not %q", c.seed)}
	}
	host, _, err := net.SplitHostPort(c.listen)
	if err != nil {
		return c, usageError{fmt.Sprintf("--listen %q: %v", c.listen, err)}
	}
	if !c.allowRemote && !isLoopback(host) {
		return c, usageError{fmt.Sprintf("--listen %q is not a loopback address; add --allow-remote to serve it", c.listen)}
	}
	return c, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// run serves until ctx is done, then shuts down gracefully and saves state.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseArgs(args, stderr)
	if err != nil {
		return err
	}

	var (
		srv    *sim.Server
		saveMu sync.Mutex
	)
	save := func() error {
		if c.stateFile == "" {
			return nil
		}
		saveMu.Lock()
		defer saveMu.Unlock()
		data, err := srv.Dump()
		if err != nil {
			return err
		}
		return writeFileAtomic(c.stateFile, append(data, '\n'), 0o600)
	}
	opts := sim.Options{Users: c.users, Seed: c.seed, OneTokenPerUser: c.oneToken, TokenTTL: c.tokenTTL, PointsLookbackDays: c.lookback}
	if c.stateFile != "" {
		opts.AfterWrite = func() {
			if err := save(); err != nil {
				fmt.Fprintln(stderr, "fortiflex-sim: save state:", err)
			}
		}
	}
	srv, err = sim.New(opts)
	if err != nil {
		return usageError{err.Error()}
	}
	if c.stateFile != "" {
		data, err := os.ReadFile(c.stateFile)
		switch {
		case err == nil:
			if err := srv.Load(data); err != nil {
				return fmt.Errorf("--state %s: %w", c.stateFile, err)
			}
		case !errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("--state: %w", err)
		}
	}

	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return err
	}
	base := baseURL(ln.Addr().(*net.TCPAddr))
	hs := &http.Server{
		Handler:           sim.WithRequestLog(srv, stderr),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          nil,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	if c.addrFile != "" {
		if err := writeFileAtomic(c.addrFile, []byte(base+"\n"), 0o644); err != nil {
			_ = hs.Close()
			return fmt.Errorf("--addr-file: %w", err)
		}
	}
	fmt.Fprintf(stdout, "fortiflex-sim listening on %s\n", base)

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	shutErr := hs.Shutdown(shutCtx)
	if err := save(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if shutErr != nil && !errors.Is(shutErr, context.DeadlineExceeded) {
		return shutErr
	}
	return nil
}

// baseURL is the URL clients use; unspecified addresses (0.0.0.0, ::) are
// reported as 127.0.0.1.
func baseURL(a *net.TCPAddr) string {
	ip := a.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(a.Port))
}

// writeFileAtomic writes data to a temporary file in the same directory and
// renames it over path.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
