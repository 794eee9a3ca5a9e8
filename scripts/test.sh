#!/usr/bin/env bash
# Runs every test of the collection. Called by "make test" (after "make build")
# and by CI (.ci/run). Prints one closing line: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$root/build:$PATH"
py=/usr/bin/python3   # Debian's Python, the one ansible-core is installed for

passed=0 failed=0 failures=()
step() { # step NAME COMMAND...
  local name=$1; shift
  echo "=== $name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "--- ok: $name ($((SECONDS - t0))s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "--- FAIL: $name ($((SECONDS - t0))s)"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go_tests() { go vet ./... && go test -count=1 ./...; }

gofmt_clean() {
  local out; out=$(git ls-files -z '*.go' | xargs -0 gofmt -l 2>&1)
  [ -z "$out" ] || { echo "gofmt would change: $out"; return 1; }
}

# Build the Galaxy artifact and install it: the integration tests, ansible-doc
# checks and the demo playbook then run from the installed copy, as users get it.
galaxy_round_trip() {
  ansible-galaxy collection build --force --output-path "$work/dist" . >/dev/null &&
  ansible-galaxy collection install --force -p "$work/collections" "$work"/dist/flexgo-fortiflexvm-*.tar.gz >/dev/null &&
  test -x "$work/collections/ansible_collections/flexgo/fortiflexvm/binaries/fortiflexvm_$(go env GOOS)_$(go env GOARCH)"
}

ansible_doc_check() {
  local coll="$work/collections"
  local list; list=$(ANSIBLE_COLLECTIONS_PATH="$coll" ansible-doc -t module -l flexgo.fortiflexvm 2>&1) || { echo "$list"; return 1; }
  if grep -q WARNING <<<"$list"; then echo "ansible-doc -l warns:"; echo "$list"; return 1; fi
  local want; want=$(cd plugins/modules && printf '%s\n' *.py | sed 's/\.py$//' | sort)
  local got; got=$(awk '{print $1}' <<<"$list" | sed 's/^flexgo\.fortiflexvm\.//' | sort)
  [ "$want" = "$got" ] || { echo "ansible-doc -l lists:"; echo "$got"; echo "expected:"; echo "$want"; return 1; }
  local m
  for m in $want; do
    ANSIBLE_COLLECTIONS_PATH="$coll" ansible-doc -t module "flexgo.fortiflexvm.$m" >"$work/doc.txt" 2>&1 || { cat "$work/doc.txt"; return 1; }
    grep -q "ATTRIBUTES" "$work/doc.txt" || { echo "$m: ansible-doc shows no attributes"; return 1; }
    grep -q "username" "$work/doc.txt" || { echo "$m: ansible-doc shows no connection options (doc fragment)"; return 1; }
  done
}

integration() {
  (cd "$work/collections/ansible_collections/flexgo/fortiflexvm" &&
   ansible-test integration --local --python-interpreter "$py" --color no)
}

demo_from_install() {
  ANSIBLE_COLLECTIONS_PATH="$work/collections" scripts/demo.sh >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; return 1; }
  grep -q 'failed=0' "$work/demo.log" || { cat "$work/demo.log"; return 1; }
}

# ansible-test sanity on the tracked files, offline: the per-test venvs are
# pre-created from Debian's Python with its site packages (scripts/sanity-venvs.py),
# so the tools are Debian's (scripts/deps.sh), not ansible-test's pinned ones.
# The one test left out: changelog, whose antsibull-changelog Debian does not package.
sanity() {
  local coll="$work/sanity/ansible_collections/flexgo/fortiflexvm" skip=changelog
  local pyver; pyver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  mkdir -p "$coll" && git ls-files -z | xargs -0 cp --parents -t "$coll" &&
  (cd "$coll" && git init -q && git add -A &&
   mapfile -t tests < <(ansible-test sanity --list-tests --local 2>/dev/null | grep -vxF "$skip") &&
   "$py" "$root/scripts/sanity-venvs.py" "${tests[@]}" >/dev/null &&
   ansible-test sanity --local --python "$pyver" --python-interpreter "$py" --color no --skip-test "$skip")
}

step "gofmt" gofmt_clean
step "go vet + go test" go_tests
step "every playbook assert can fail (items are strings)" "$py" scripts/check-asserts.py tests/integration examples
step "ansible-test sanity (every test but changelog)" sanity
step "galaxy build + install" galaxy_round_trip
step "ansible-doc lists and renders every module" ansible_doc_check
step "ansible-test integration (installed collection, simulator)" integration
step "demo playbook from the installed collection" demo_from_install

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
