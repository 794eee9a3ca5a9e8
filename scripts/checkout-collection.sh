# shellcheck shell=bash
# Sourced by demo.sh and bench-playbook.sh. use_checkout_as_collection ROOT DIR:
# unless ANSIBLE_COLLECTIONS_PATH is already set (e.g. to an installed copy),
# make the checkout at ROOT the collection flexgo.fortiflexvm through a symlink
# under DIR (a temporary directory the caller removes).
use_checkout_as_collection() {
  [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ] || return 0
  mkdir -p "$2/ansible_collections/flexgo"
  ln -s "$1" "$2/ansible_collections/flexgo/fortiflexvm"
  export ANSIBLE_COLLECTIONS_PATH="$2"
}
