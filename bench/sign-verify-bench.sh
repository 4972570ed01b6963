#!/usr/bin/env bash
# Whole-command benchmark of `custody sign` and `custody verify` against `custody digest` on the
# synthetic multi-file model of digest-bench.sh: signing and verifying should cost the digest plus
# milliseconds (issue 4: verify within 10% of digest).
#
# Usage: bench/sign-verify-bench.sh [CUSTODY_REPO]
#   BENCH_DIR, BENCH_GIB (default 8), BENCH_RUNS (default 5): as for digest-bench.sh, whose model
#   this reuses (it is made here if missing).
set -euo pipefail

here=$(cd -- "$(dirname -- "$(readlink -f -- "$0")")" && pwd)
repo=$(cd -- "${1:-${CUSTODY_REPO:-$here/..}}" && pwd)
custody="$repo/custody"
gib=${BENCH_GIB:-8}
runs=${BENCH_RUNS:-5}
work=${BENCH_DIR:-$here/work}
[[ -x $custody ]] || { echo "no launcher at $custody" >&2; exit 2; }
[[ $gib =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_GIB/BENCH_RUNS: positive integers" >&2; exit 2; }
source "$here/model.sh"

model="$work/model-${gib}g"
mkdir -p "$work"
make_model "$model" "$gib"
find "$model" -type f -print0 | xargs -0 cat >/dev/null # warm the page cache

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$custody" keygen --out "$tmp/bench" >/dev/null
sig="$tmp/model.sig" # outside the model, so the model folder stays as digest-bench made it
"$custody" sign "$model" --key "$tmp/bench.pem" --signature "$sig" >/dev/null

[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
names=("custody digest MODEL" "custody verify MODEL --key" "custody sign MODEL --key")
cmds=(
  "$(printf '%q ' "$custody" digest "$model")"
  "$(printf '%q ' "$custody" verify "$model" --key "$tmp/bench.pub.pem" --signature "$sig")"
  "$(printf '%q ' "$custody" sign "$model" --key "$tmp/bench.pem" --signature "$tmp/again.sig")"
)
for ((r = 1; r <= runs; r++)); do
  echo "round $r/$runs ..." >&2
  for i in "${!cmds[@]}"; do
    eval "/usr/bin/time -f '%e %M' -o \"\$tmp/t-$i-$r\" ${cmds[i]}" >"$tmp/out" 2>"$tmp/err" ||
      { echo "FAILED: ${cmds[i]}" >&2; cat "$tmp/err" >&2; exit 1; }
  done
done

stats() { # row -> "median min max maxrss_kib"
  for ((r = 1; r <= runs; r++)); do cat "$tmp/t-$1-$r"; done | sort -n |
    awk '{t[NR] = $1; if ($2 > m) m = $2}
      END {med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print med, t[1], t[NR], m}'
}
bytes=$(find "$model" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s}')
echo
echo "## custody sign / verify benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); nproc: $(nproc); $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
echo "- model: $(find "$model" -type f | wc -l) files, $bytes bytes; $runs runs each, page cache warm"
echo "- load: $(uptime | sed 's/.*load average: //')"
echo
echo "| command | median s | min s | max s | peak RSS MiB | time ÷ digest |"
echo "|---|---:|---:|---:|---:|---:|"
base=""
for i in "${!cmds[@]}"; do
  read -r m lo hi rss < <(stats "$i")
  base=${base:-$m}
  echo "| \`${names[i]}\` | $m | $lo | $hi | $(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') |" \
    "$(awk -v t="$m" -v b="$base" 'BEGIN {printf "%.2f", t / b}') |"
done
