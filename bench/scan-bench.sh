#!/usr/bin/env bash
# Whole-command benchmark of `custody scan` (issue 3, Performance):
#  (a) a big PyTorch zip checkpoint made by the real torch.save: `custody scan` against
#      `openssl dgst -sha256` on the same file, with the file's pages evicted from the page cache
#      (cold-ish: posix_fadvise DONTNEED on that file only) and warm. The bar: well under a quarter
#      of openssl's time, JVM start included; peak memory flat with the file size.
#  (b) a folder of many small files (pickles and safetensors) scanned in one process: wall time,
#      CPU use (200% = both of 2 cores busy) and files per second.
#
# Usage: bench/scan-bench.sh [CUSTODY_REPO]
#   BENCH_DIR (default bench/work, gitignored), BENCH_SIZES (GiB, default "2 8"),
#   BENCH_FILES (default 5000), BENCH_RUNS (default 3).
# Needs /usr/bin/python3 with torch (Debian python3-torch), openssl and GNU time.
set -euo pipefail

here=$(cd -- "$(dirname -- "$(readlink -f -- "$0")")" && pwd)
repo=$(cd -- "${1:-${CUSTODY_REPO:-$here/..}}" && pwd)
custody="$repo/custody"
sizes=${BENCH_SIZES:-"2 8"}
files=${BENCH_FILES:-5000}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-$here/work}
py=/usr/bin/python3
[[ -x $custody ]] || { echo "no launcher at $custody" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "needs openssl" >&2; exit 2; }
$py -c 'import torch' 2>/dev/null || { echo "needs $py with torch (apt-get install python3-torch)" >&2; exit 2; }
[[ $files =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_FILES/BENCH_RUNS: positive integers" >&2; exit 2; }

mkdir -p "$work"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

evict() { # drop one file's pages from the page cache (nothing else is touched)
  $py -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
os.close(fd)' "$1"
}

timed() { # out-file command... ; records "wall_s maxrss_kib cpu% user_s sys_s"
  local out=$1
  shift
  /usr/bin/time -f '%e %M %P %U %S' -o "$out" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || {
    local rc=$?
    # custody scan exits 1 on findings and 3 when incomplete: both are failures of the benchmark.
    echo "FAILED ($rc): $*" >&2
    cat "$tmp/stderr" "$tmp/stdout" >&2
    exit 1
  }
}

median() { # numbers on stdin -> their median
  sort -n | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

median_of() { # files of "wall rss cpu% user sys" -> "median_wall max_rss median_cpu% median_cpu_s"
  echo "$(cat "$@" | cut -d' ' -f1 | median)" \
    "$(cat "$@" | cut -d' ' -f2 | sort -n | tail -1)" \
    "$(cat "$@" | cut -d' ' -f3 | tr -d % | median)" \
    "$(cat "$@" | awk '{print $4 + $5}' | median)"
}

"$custody" --help >/dev/null # builds the jar if the sources changed (not timed)

echo "## custody scan benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); nproc: $(nproc); $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo); $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}')"
echo "- custody at $(git -C "$repo" rev-parse --short HEAD); $(. "$repo/.mvn/select-jdk.sh" && "$JAVA_HOME/bin/java" -version 2>&1 | head -1); torch $($py -c 'import torch; print(torch.__version__)'); $(openssl version)"
echo "- load before: $(uptime | sed 's/.*load average: //')"
echo "- $runs runs each, medians; CPU s = user + system time, which a busy machine inflates less than wall time"
echo "- cold-ish = the file's pages evicted (posix_fadvise DONTNEED) before each run; warm = read just before"
echo
echo "### (a) one big PyTorch checkpoint (torch.save, zip)"
echo
echo "| file | command | cache | wall s | CPU s | peak RSS MiB | CPU % | wall ÷ openssl | CPU ÷ openssl |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
for gib in $sizes; do
  ckpt="$work/checkpoint-${gib}g.pt"
  if [[ ! -f $ckpt.complete ]]; then
    echo "making $ckpt with torch.save ..." >&2
    rm -f "$ckpt"
    $py "$here/make_checkpoint.py" "$ckpt" "$gib"
    touch "$ckpt.complete"
  fi
  bytes=$(stat -c %s "$ckpt")
  records=$($py -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' "$ckpt")
  for cache in cold warm; do
    for tool in openssl custody; do
      for ((r = 1; r <= runs; r++)); do
        if [[ $cache == cold ]]; then evict "$ckpt"; else cat "$ckpt" >/dev/null; fi
        if [[ $tool == openssl ]]; then
          timed "$tmp/$gib-$cache-$tool-$r" openssl dgst -sha256 "$ckpt"
        else
          timed "$tmp/$gib-$cache-$tool-$r" "$custody" scan "$ckpt"
        fi
      done
      read -r med rss cpu cpus < <(median_of "$tmp/$gib-$cache-$tool-"*)
      eval "med_$tool=$med cpus_$tool=$cpus"
      ratio=$(awk -v a="$med" -v b="${med_openssl}" 'BEGIN {printf "%.3f", a / b}')
      cpu_ratio=$(awk -v a="$cpus" -v b="${cpus_openssl}" 'BEGIN {printf "%.3f", (b > 0) ? a / b : 0}')
      label=$([[ $tool == openssl ]] && echo '`openssl dgst -sha256`' || echo '`custody scan`')
      echo "| ${gib} GiB ($bytes bytes, $records records) | $label | $cache | $med | $cpus |" \
        "$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') | $cpu | $ratio | $cpu_ratio |"
    done
  done
done
echo
echo "- load after (a): $(uptime | sed 's/.*load average: //')"

echo
echo "### (b) a folder of $files small files in one process"
echo
folder="$work/small-$files"
if [[ ! -f $folder.complete ]]; then
  echo "making $folder ..." >&2
  rm -rf "$folder"
  $py "$here/make_small_files.py" "$folder" "$files"
  touch "$folder.complete"
fi
count=$(find "$folder" -type f \( -name '*.pkl' -o -name '*.safetensors' \) | wc -l)
bytes=$(find "$folder" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s}')
for ((r = 1; r <= runs; r++)); do
  find "$folder" -type f -print0 | xargs -0 cat >/dev/null # warm
  timed "$tmp/small-$r" "$custody" scan "$folder"
done
read -r med rss cpu cpus < <(median_of "$tmp/small-"*)
echo "| files | bytes | wall s | CPU s | files/s (wall) | files per CPU s | CPU % (of $(nproc)00) | peak RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| $count | $bytes | $med | $cpus | $(awk -v n="$count" -v t="$med" 'BEGIN {printf "%.0f", n / t}') |" \
  "$(awk -v n="$count" -v t="$cpus" 'BEGIN {printf "%.0f", n / t}') | $cpu |" \
  "$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') |"
echo
echo "- load after (b): $(uptime | sed 's/.*load average: //')"
