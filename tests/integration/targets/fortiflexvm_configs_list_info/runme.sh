#!/usr/bin/env bash
set -euo pipefail
source ../setup_fortiflex_sim/start.sh
ansible-playbook -i "$INVENTORY_PATH" playbook.yml "$@"

# The password must appear nowhere, even at -vvv and when the login fails.
out=$(mktemp)
ansible-playbook -i "$INVENTORY_PATH" secrets.yml -vvv >"$out" 2>&1 || { cat "$out"; exit 1; }
for secret in "$FORTIFLEX_ACCESS_PASSWORD" "wrong-$FORTIFLEX_ACCESS_PASSWORD"; do
  if grep -qF -- "$secret" "$out"; then
    echo "a password appears in the -vvv output:" >&2
    grep -nF -- "$secret" "$out" | sed "s/$secret/<PASSWORD>/g" >&2
    exit 1
  fi
done
grep -q 'FortiFlex login failed: invalid credentials' "$out"
grep -q '"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' "$out"  # -vvv shows the masked invocation
rm -f "$out"
