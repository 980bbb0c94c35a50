#!/usr/bin/env bash
# Plan time: wall and CPU of one `./shardwire plan`, and the sha256 of the plan.json it writes (so
# a speed change can show it left the plan byte-identical).
#   bench/plan-time.sh                      ResNet-50 over four M-KUBOS boards, pipeline strategy
#   bench/plan-time.sh --model M --boards B [plan options]
# Runs at nice 10 (the machine is shared); the launcher's build, if the jar is stale, happens
# first and is not timed. Results go in bench/RESULTS.md ("Plan time") with the machine's load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -eq 0 ]; then
  set -- --model resnet50 --boards mkubos-zu19eg:4 --strategy pipeline
fi
"$root/shardwire" --help >/dev/null   # builds the jar when sources changed
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "plan-time: ./shardwire plan $* (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
nice -n 10 /usr/bin/time -f '%e %U %S' -o "$out/time" "$root/shardwire" plan "$@" --out "$out/plan" >"$out/stdout"
read -r wall user sys <"$out/time"
printf 'wall %s s, user %s s, sys %s s, plan.json sha256 %s\n' "$wall" "$user" "$sys" \
  "$(sha256sum "$out/plan/plan.json" | cut -d' ' -f1)"
