# Sourced by the runme.sh of every integration target: starts a FortiFlex
# simulator on a free loopback port with fresh demo data, points the modules
# at it through the environment, and stops it when the target's script exits.
#
# Exports: SIM_URL, FORTIFLEX_AUTH_URL, FORTIFLEX_API_URL,
# FORTIFLEX_ACCESS_USERNAME, FORTIFLEX_ACCESS_PASSWORD (random per run),
# SIM_READONLY_USERNAME / SIM_READONLY_PASSWORD.
sim_bin=$(command -v fortiflex-sim || true)
if [ -z "$sim_bin" ]; then
  echo "fortiflex-sim is not on PATH: run the tests with 'make test', which builds it into build/" >&2
  exit 1
fi
sim_dir=$(mktemp -d)
random_secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
export FORTIFLEX_ACCESS_USERNAME="A1B2C3D4-API-USER"
export FORTIFLEX_ACCESS_PASSWORD="pw-$(random_secret)"
export SIM_READONLY_USERNAME="E5F6A7B8-READ-ONLY"
export SIM_READONLY_PASSWORD="ro-$(random_secret)"
"$sim_bin" --listen 127.0.0.1:0 --seed demo --addr-file "$sim_dir/addr" \
  --user "$FORTIFLEX_ACCESS_USERNAME:$FORTIFLEX_ACCESS_PASSWORD" \
  --user "$SIM_READONLY_USERNAME:$SIM_READONLY_PASSWORD:readonly" \
  >"$sim_dir/sim.log" 2>&1 &
sim_pid=$!
stop_sim() {
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  rm -rf "$sim_dir"
}
trap stop_sim EXIT
for _ in $(seq 200); do
  [ -s "$sim_dir/addr" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$sim_dir/sim.log" >&2; echo "fortiflex-sim did not start" >&2; exit 1; }
  sleep 0.05
done
SIM_URL=$(cat "$sim_dir/addr")
export SIM_URL
export FORTIFLEX_AUTH_URL="$SIM_URL/api/v1/oauth/token/"
export FORTIFLEX_API_URL="$SIM_URL/ES/api/"
