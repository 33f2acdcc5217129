#!/usr/bin/env bash
# Reproducible end-to-end benchmark: netlint against the Rego anchors of the
# team's benchmark kit (anchor-rego/: the sorted overlap policy and the trivial
# floor, run with `opa eval` built from the OPA version netlint embeds).
#
#   bench/run.sh [N ...]        default: 100 1000 5000
#
# Prints medians and, more usefully, ratios: machines differ, ratios travel.
# Uses hyperfine when installed (apt-get install hyperfine), else 5 timed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100 1000 5000)

out=bench/out
mkdir -p "$out" bin
go build -o bin/netlint ./cmd/netlint
go build -o bin/genplan ./bench/genplan
# opa at the version netlint embeds, installed outside this module (its CLI needs
# packages netlint does not).
opa_version=$(go list -m -f '{{.Version}}' github.com/open-policy-agent/opa)
[ -x bin/opa ] || (cd "$(mktemp -d)" && GOBIN="$OLDPWD/bin" GOFLAGS= go install "github.com/open-policy-agent/opa@$opa_version")

# median wall time in seconds of a command, 5 runs after one warm-up
median() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N -i --warmup 1 --runs 5 --export-json "$out/hf.json" "$*" >/dev/null 2>&1
    python3 -c 'import json;print("%.3f"%json.load(open("'"$out"'/hf.json"))["results"][0]["median"])'
  else
    "$@" >/dev/null 2>&1 || true
    for _ in 1 2 3 4 5; do
      s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
      echo "$e - $s" | bc -l
    done | sort -n | sed -n 3p | xargs printf '%.3f\n'
  fi
}

printf '%-7s %-9s %-12s %-12s %-12s %-12s %-10s %-10s\n' N "plan MB" "netlint all" "netlint NL001" "opa floor" "opa sorted" "all/sorted" "NL001/sorted"
for n in "${sizes[@]}"; do
  plan="$out/plan-$n.json"
  [ -f "$plan" ] || bin/genplan -n "$n" -overlap 0.01 -seed 1 -o "$plan"
  mb=$(python3 -c "import os;print('%.1f'%(os.path.getsize('$plan')/1e6))")
  all=$(median bin/netlint check -c testdata/empty.netlint.yaml -f json --fail-on never "$plan")
  one=$(median bin/netlint check -c testdata/empty.netlint.yaml -f json --fail-on never --only NL001 "$plan")
  floor=$(median bin/opa eval -f raw -d bench/anchor-rego/trivial -i "$plan" "count(data.main.deny)")
  sorted=$(median bin/opa eval -f raw -d bench/anchor-rego/sorted -i "$plan" "count(data.main.deny)")
  r1=$(python3 -c "print('%.2f'%($all/$sorted))")
  r2=$(python3 -c "print('%.2f'%($one/$sorted))")
  printf '%-7s %-9s %-12s %-12s %-12s %-12s %-10s %-10s\n' "$n" "$mb" "$all" "$one" "$floor" "$sorted" "$r1" "$r2"
done
