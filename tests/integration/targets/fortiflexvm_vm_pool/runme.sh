#!/usr/bin/env bash
set -euo pipefail
source ../setup_fortiflex_sim/start.sh
ansible-playbook -i "$INVENTORY_PATH" playbook.yml "$@"
