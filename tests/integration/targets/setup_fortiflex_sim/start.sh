# shellcheck shell=bash
# Sourced by the runme.sh of every integration target: starts a FortiFlex
# simulator on a free loopback port with fresh demo data, points the modules
# at it through the environment, and stops it when the target's script exits.
#
# Exports: SIM_URL, SIM_TMPDIR (scratch directory removed on exit), FORTIFLEX_AUTH_URL, FORTIFLEX_API_URL,
# FORTIFLEX_ACCESS_USERNAME, FORTIFLEX_ACCESS_PASSWORD (random per run),
# SIM_READONLY_USERNAME / SIM_READONLY_PASSWORD, FORTIFLEX_TOKEN_CACHE (under SIM_TMPDIR).
sim_bin=$(command -v fortiflex-sim || true)
if [ -z "$sim_bin" ]; then
  echo "fortiflex-sim is not on PATH: run the tests with 'make test', which builds it into build/" >&2
  exit 1
fi
SIM_TMPDIR=$(mktemp -d)
export SIM_TMPDIR
random_secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
FORTIFLEX_ACCESS_USERNAME="A1B2C3D4-API-USER"
FORTIFLEX_ACCESS_PASSWORD="pw-$(random_secret)"
SIM_READONLY_USERNAME="E5F6A7B8-READ-ONLY"
SIM_READONLY_PASSWORD="ro-$(random_secret)"
export FORTIFLEX_ACCESS_USERNAME FORTIFLEX_ACCESS_PASSWORD SIM_READONLY_USERNAME SIM_READONLY_PASSWORD
# The passwords go through a 0600 file, not the command line (the process list).
(umask 077 && printf '%s\n' "$FORTIFLEX_ACCESS_USERNAME:$FORTIFLEX_ACCESS_PASSWORD" \
  "$SIM_READONLY_USERNAME:$SIM_READONLY_PASSWORD:readonly" >"$SIM_TMPDIR/users")
"$sim_bin" --listen 127.0.0.1:0 --seed demo --addr-file "$SIM_TMPDIR/addr" \
  --users-file "$SIM_TMPDIR/users" >"$SIM_TMPDIR/sim.log" 2>&1 &
sim_pid=$!
stop_sim() {
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  rm -rf "$SIM_TMPDIR"
}
trap stop_sim EXIT
for _ in $(seq 200); do
  [ -s "$SIM_TMPDIR/addr" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$SIM_TMPDIR/sim.log" >&2; echo "fortiflex-sim did not start" >&2; exit 1; }
  sleep 0.05
done
SIM_URL=$(cat "$SIM_TMPDIR/addr")
export SIM_URL
export FORTIFLEX_AUTH_URL="$SIM_URL/api/v1/oauth/token/"
export FORTIFLEX_API_URL="$SIM_URL/ES/api/"
# Tokens are cached per run, never in the user's home.
export FORTIFLEX_TOKEN_CACHE="$SIM_TMPDIR/tokens"
