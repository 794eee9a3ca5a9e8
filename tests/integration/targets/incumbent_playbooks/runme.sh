#!/usr/bin/env bash
# Playbooks written for fortinet.fortiflexvm (its style: vars file with the
# credentials, `collections:` keyword, fortinet.fortiflexvm.* FQCNs) run
# unchanged except for the FQCN, against the simulator.
set -euo pipefail
source ../setup_fortiflex_sim/start.sh
work="$SIM_TMPDIR/playbooks"
cp -r playbooks "$work"
grep -q 'fortinet\.fortiflexvm\.' "$work"/*.yml  # they really are incumbent playbooks
sed -i -e 's/fortinet\.fortiflexvm\./flexgo.fortiflexvm./g' -e 's/- fortinet\.fortiflexvm$/- flexgo.fortiflexvm/' "$work"/*.yml
if grep -nE 'fortinet\.fortiflexvm\.|^ *- fortinet\.fortiflexvm *$' "$work"/*.yml; then echo "FQCN rewrite missed a line" >&2; exit 1; fi
for pb in "$work"/[0-9]*.yml; do
  echo "== $(basename "$pb")"
  ansible-playbook -i "$INVENTORY_PATH" "$pb" "$@"
done
# One login for the whole run: the token cache is shared by every task.
logins=$(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/stats"))["logins"])' "$SIM_URL")
echo "logins: $logins"
[ "$logins" -eq 1 ]
