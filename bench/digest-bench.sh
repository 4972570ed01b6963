#!/usr/bin/env bash
# Whole-command benchmark of `custody digest` against openssl / sha256sum on a synthetic model.
#
# Usage: bench/digest-bench.sh [CUSTODY_REPO]
#   CUSTODY_REPO  repo whose ./custody launcher is measured (also env CUSTODY_REPO);
#                 default: the repo this script lives in.
#   BENCH_DIR     where the synthetic model lives (default: bench/work/ next to this script)
#   BENCH_GIB     size of the multi-file model in GiB (default 8); the single file is half that
#   BENCH_RUNS    timed runs per command (default 5); the table shows median, min and max
set -euo pipefail

here=$(cd -- "$(dirname -- "$(readlink -f -- "$0")")" && pwd)
repo=$(cd -- "${1:-${CUSTODY_REPO:-$here/..}}" && pwd)
custody="$repo/custody"
gib=${BENCH_GIB:-8}
runs=${BENCH_RUNS:-5}
work=${BENCH_DIR:-$here/work}
[[ -x $custody ]] || { echo "no launcher at $custody" >&2; exit 2; }
[[ $gib =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_GIB/BENCH_RUNS: positive integers" >&2; exit 2; }

t_start=$SECONDS
load_start=$(uptime)
model="$work/model-${gib}g"                  # size in the name: a different BENCH_GIB never reuses it
single="$work/single-${gib}g-half.bin"
mkdir -p "$work"

source "$here/model.sh"

# --- 1. synthetic model ---
make_model "$model" "$gib"
# custody hashes .complete too; openssl/sha256sum must see the same file set, so list all files.
list="$work/files-${gib}g.list"
find "$model" -type f -print0 | sort -z >"$list"
if [[ ! -f $single.complete ]]; then
  echo "making $single ..." >&2
  rand_file "$single" $((gib * GiB / 2)) && touch "$single.complete"
fi
nfiles=$(tr -cd '\0' <"$list" | wc -c)
model_bytes=$(xargs -0 -a "$list" stat -c %s | awk '{s += $1} END {printf "%.0f", s}')
single_bytes=$(stat -c %s "$single")

# --- 2. page cache: warm it and check it can hold everything ---
need_kib=$(((model_bytes + single_bytes) / 1024))
avail_kib=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
if ((avail_kib < need_kib + 1024 * 1024)); then
  echo "WARNING: MemAvailable $((avail_kib / 1024)) MiB < data $((need_kib / 1024)) MiB + 1 GiB:" \
    "runs will partly read from disk" >&2
fi
xargs -0 -a "$list" cat >/dev/null
cat "$single" >/dev/null

# xargs splits long argument lists into several processes; check it runs one openssl here.
nproc_xargs=$(xargs -0 -a "$list" sh -c 'echo x' sh | wc -l)
((nproc_xargs == 1)) || echo "NOTE: xargs runs $nproc_xargs processes per pass (sequentially)" >&2

# --- 3. timing ---
# GNU time gives wall seconds and peak RSS; without it, bash's `time` gives wall seconds only.
if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null && (($(id -u) == 0)); then
  apt-get install -y -qq time >/dev/null 2>&1 || true
fi
have_gnu_time=false
[[ -x /usr/bin/time ]] && have_gnu_time=true
have_taskset=false
command -v taskset >/dev/null && have_taskset=true

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names=() cmds=() bytes=() base=() # base: which row a row's ratio is computed against
add() { # name bytes base-index command...
  names+=("$1") bytes+=("$2") base+=("$3"); shift 3
  cmds+=("$(printf '%q ' "$@")")
}
add "openssl dgst -sha256, multi-file (1 core)" "$model_bytes" 0 xargs -0 -a "$list" openssl dgst -sha256
add "sha256sum, multi-file (1 core)" "$model_bytes" 0 xargs -0 -a "$list" sha256sum
add "custody digest MODEL" "$model_bytes" 0 "$custody" digest "$model"
add "custody digest --threads 1 MODEL" "$model_bytes" 0 "$custody" digest --threads 1 "$model"
$have_taskset && add "taskset -c 0 custody digest MODEL" "$model_bytes" 0 taskset -c 0 "$custody" digest "$model"
i_single=${#names[@]}
add "openssl dgst -sha256 FILE (1 core)" "$single_bytes" "$i_single" openssl dgst -sha256 "$single"
add "custody digest --shard-size 1e9 FILE" "$single_bytes" "$i_single" "$custody" digest --shard-size 1000000000 "$single"
$have_taskset && add "taskset -c 0 custody digest --shard-size 1e9 FILE" "$single_bytes" "$i_single" \
  taskset -c 0 "$custody" digest --shard-size 1000000000 "$single"
add "custody digest examples/tiny-model (start-up floor)" 0 -1 "$custody" digest "$repo/examples/tiny-model"

# Rounds interleave the commands, so a burst of outside load (e.g. a Maven build) smears over
# all of them instead of landing on one.
for ((r = 1; r <= runs; r++)); do
  echo "round $r/$runs ..." >&2
  for i in "${!cmds[@]}"; do
    out="$tmp/out-$i-$r" err="$tmp/err-$i-$r"
    if $have_gnu_time; then
      if ! eval "/usr/bin/time -f '%e %M' -o \"\$tmp/t-$i-$r\" ${cmds[i]}" >"$out" 2>"$err"; then
        echo "FAILED: ${cmds[i]}" >&2; cat "$err" "$tmp/t-$i-$r" >&2; exit 1
      fi
    else
      TIMEFORMAT=%R
      if ! { time eval "${cmds[i]}" >"$out" 2>"$err"; } 2>"$tmp/t0"; then
        echo "FAILED: ${cmds[i]}" >&2; cat "$err" >&2; exit 1
      fi
      echo "$(cat "$tmp/t0") 0" >"$tmp/t-$i-$r"
    fi
  done
done

# --- 5. every custody run over the same data must print the same root digest ---
check_same() { # label row-indices...
  local label=$1 f d first=""; shift
  for i in "$@"; do
    for f in "$tmp"/out-"$i"-*; do
      d=$(cat "$f")
      [[ $d == sha256:* ]] || { echo "FAIL: $label: bad output '$d' (${names[i]})" >&2; exit 1; }
      [[ -z $first ]] && first=$d
      [[ $d == "$first" ]] || { echo "FAIL: $label root digest differs: $first vs $d (${names[i]})" >&2; exit 1; }
    done
  done
  echo "$label root digest, identical on all $(($# * runs)) runs: $first"
}

# --- 4. report ---
stats() { # row -> "median min max maxrss_kib"
  for ((r = 1; r <= runs; r++)); do cat "$tmp/t-$1-$r"; done | grep -E '^[0-9.]+ [0-9]+$' |
    sort -n | awk '{t[NR] = $1; if ($2 > m) m = $2}
      END {med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print med, t[1], t[NR], m}'
}
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
jdk=$("$custody" --version | sed -n 2p)
echo
echo "## custody digest benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "- CPU: $cpu; nproc: $(nproc); RAM: $ram; kernel: $(uname -r)"
echo "- custody: $("$custody" --version | head -n 1) on $jdk"
echo "- $(openssl version)"
echo "- multi-file model: $nfiles files, $model_bytes bytes; single file: $single_bytes bytes;" \
  "$runs runs each, page cache warm"
$have_gnu_time || echo "- peak RSS not measured (no /usr/bin/time)"
$have_taskset || echo "- taskset missing: no one-core custody rows"
echo "- load at start: ${load_start##*load average: }"
echo
echo "| command | median s | min s | max s | peak RSS MiB | GB/s | time ÷ openssl 1-core |"
echo "|---|---:|---:|---:|---:|---:|---:|"
declare -a med
for i in "${!cmds[@]}"; do
  read -r m lo hi rss < <(stats "$i")
  med[i]=$m
  gbs=$( ((bytes[i] > 0)) && awk -v b="${bytes[i]}" -v t="$m" 'BEGIN {printf "%.2f", (t > 0 ? b / t / 1e9 : 0)}' || echo "–")
  ratio=$( ((base[i] >= 0)) && awk -v t="$m" -v b="${med[base[i]]}" 'BEGIN {printf "%.2f", t / b}' || echo "–")
  rss_mib=$($have_gnu_time && awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}' || echo "–")
  echo "| \`${names[i]}\` | $m | $lo | $hi | $rss_mib | $gbs | $ratio |"
done
echo
multi_rows=(2) shard_rows=($((i_single + 1)))
$have_taskset && multi_rows+=(3) shard_rows+=($((i_single + 2)))
check_same "multi-file" "${multi_rows[@]}"
check_same "single-file shard" "${shard_rows[@]}"
echo "- load at end: $(uptime | sed 's/.*load average: //'); total time: $((SECONDS - t_start)) s"
