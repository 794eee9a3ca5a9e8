#!/usr/bin/env bash
# Per-task wall time of a 20-task playbook against the simulator, next to a
# baseline of 20 ansible.builtin.uri tasks (a Python module making one HTTP
# call each) and an empty play (Ansible's own start-up). A measurement, not a
# test: machines here are shared and noisy, so it prints numbers and asserts nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$root/build:$PATH"
cd "$root/tests/integration/targets/setup_fortiflex_sim"
source ./start.sh
source "$root/scripts/checkout-collection.sh"
use_checkout_as_collection "$root" "$SIM_TMPDIR"
work="$SIM_TMPDIR/bench"
mkdir -p "$work"
runs=${BENCH_RUNS:-3}

play() { # play FILE TASK_LINE... : a play of localhost running the given task lines
  local file=$1; shift
  printf '%s\n' "- hosts: localhost" "  gather_facts: false" "  tasks:" "$@" >"$file"
}
repeat() { # repeat N LINE: LINE, N times
  local _
  for _ in $(seq "$1"); do printf '%s\n' "$2"; done
}
printf '%s\n' "- hosts: localhost" "  gather_facts: false" "  tasks: []" >"$work/empty.yml"
mapfile -t go_tasks < <(repeat 10 "    - flexgo.fortiflexvm.fortiflexvm_configs_list_info: {programSerialNumber: ELAVMR0000000101}"
                        repeat 10 "    - flexgo.fortiflexvm.fortiflexvm_programs_list_info:")
play "$work/go.yml" "${go_tasks[@]}"
mapfile -t uri_tasks < <(repeat 20 "    - ansible.builtin.uri: {url: \"$SIM_URL/_sim/stats\", return_content: false}")
play "$work/uri.yml" "${uri_tasks[@]}"

best() { # best FILE -> fastest wall time of $runs runs, in ms
  local best=999999999 t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    ansible-playbook -i localhost, -c local "$1" >"$work/out.log" 2>&1 || { cat "$work/out.log"; exit 1; }
    t1=$(date +%s%N); ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "$best"
}
empty=$(best "$work/empty.yml")
go=$(best "$work/go.yml")
uri=$(best "$work/uri.yml")
curl -s -X POST "$SIM_URL/_sim/reset-stats" >/dev/null
ansible-playbook -i localhost, -c local "$work/go.yml" >/dev/null 2>&1
stats=$(curl -s "$SIM_URL/_sim/stats")
echo "playbook wall time, best of $runs (ms): empty play $empty, 20 flexgo tasks $go, 20 ansible.builtin.uri tasks $uri"
echo "per task (ms, minus the empty play): flexgo.fortiflexvm $(( (go - empty) / 20 )), ansible.builtin.uri (Python) $(( (uri - empty) / 20 ))"
echo "simulator saw for one run of the 20 flexgo tasks (token cache warm from the runs above): $stats"

# One module process (DESIGN §6: at most 10 ms CPU and 20 MB peak RSS for an
# info call): the binary run as Ansible runs it, with a warm token cache.
bin="$root/binaries/fortiflexvm_$(go env GOOS)_$(go env GOARCH)"
printf '{"_ansible_module_name": "flexgo.fortiflexvm.fortiflexvm_configs_list_info", "programSerialNumber": "ELAVMR0000000101"}' >"$work/args.json"
"$bin" "$work/args.json" >/dev/null  # warms the token cache
best_cpu=999999 best_rss=0
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%U %S %M' -o "$work/time.txt" "$bin" "$work/args.json" >/dev/null
  read -r user sys rss <"$work/time.txt"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
  [ "$cpu" -lt "$best_cpu" ] && best_cpu=$cpu
  [ "$rss" -gt "$best_rss" ] && best_rss=$rss
done
echo "one configs_list_info process, warm token cache: CPU ${best_cpu} ms (best of $runs; /usr/bin/time counts in 10 ms steps), peak RSS $((best_rss / 1024)) MB (worst of $runs)"
