#!/usr/bin/env bash
# Installs what the tests and the demo need on a Debian machine, when missing:
# ansible-core (Debian's package; 2.14 on Debian 12). Go comes with the machine;
# Go modules come from the Go module proxy on the first build.
set -euo pipefail
missing=()
command -v ansible-playbook >/dev/null 2>&1 || missing+=(ansible-core)
command -v ansible-test >/dev/null 2>&1 || missing+=(ansible-core)
[ -x /usr/bin/python3 ] || missing+=(python3)
# ansible-test sanity's tools, from Debian (its own pip bootstrap needs PyPI).
/usr/bin/python3 -c 'import voluptuous' 2>/dev/null || missing+=(python3-voluptuous)
/usr/bin/python3 -c 'import pycodestyle' 2>/dev/null || missing+=(python3-pycodestyle)
/usr/bin/python3 -c 'import pylint' 2>/dev/null || missing+=(pylint)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
