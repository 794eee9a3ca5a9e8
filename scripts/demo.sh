#!/usr/bin/env bash
# The demo: starts the built-in FortiFlex simulator on a free loopback port,
# runs examples/demo.yml against it, and stops it.
# Run it with "make demo" (which builds first).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$root/build:$PATH"
cd "$root/tests/integration/targets/setup_fortiflex_sim"
source ./start.sh
source "$root/scripts/checkout-collection.sh"
use_checkout_as_collection "$root" "$SIM_TMPDIR"
echo "FortiFlex simulator at $SIM_URL (demo data; credentials passed through the environment)"
cd "$root"
ANSIBLE_FORCE_COLOR="${ANSIBLE_FORCE_COLOR:-0}" ansible-playbook -i localhost, -c local examples/demo.yml "$@"
echo "logins for the whole demo: $(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/stats"))["logins"])' "$SIM_URL")"
