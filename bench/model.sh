# Shared by the whole-command benchmarks: the synthetic model they measure.
# Source it, then call make_model DIR GIB (a no-op when DIR/.complete exists).
GiB=$((1 << 30)) MiB=$((1 << 20))

# Random bytes. openssl rand is ~3x faster than /dev/urandom here, but its count is an int,
# so write in 1 GiB pieces.
rand_file() { # path bytes
  local left=$2 n
  : >"$1"
  while ((left > 0)); do
    n=$((left < GiB ? left : GiB))
    if command -v openssl >/dev/null; then openssl rand "$n" >>"$1"; else head -c "$n" /dev/urandom >>"$1"; fi
    left=$((left - n))
  done
}

# The synthetic model (built once; the .complete marker guards against a half-written one):
# two large shards, ~60 mid-size files and ~200 tiny ones, like a real checkpoint folder.
make_model() { # dir gib
  local model=$1 gib=$2 total i d n nmid wsum ws
  [[ -f $model/.complete ]] && return 0
  echo "making $model ..." >&2
  rm -rf "$model" && mkdir -p "$model/weights" "$model/extra"
  total=$((gib * GiB))
  rand_file "$model/weights/model-00001-of-00002.safetensors" $((total / 4))
  rand_file "$model/weights/model-00002-of-00002.safetensors" $((total / 4))
  # ~60 files sharing the other half: deterministic weights 1..200 scaled to the budget,
  # odd byte counts so nothing is block-aligned, clamped to [1 MiB, 200 MiB].
  RANDOM=42 nmid=60 wsum=0 ws=()
  for ((i = 0; i < nmid; i++)); do ws+=($((RANDOM % 200 + 1))); wsum=$((wsum + ws[i])); done
  for ((i = 0; i < nmid; i++)); do
    n=$((ws[i] * (total / 2) / wsum + i * 4099))
    n=$((n < MiB ? MiB + i : (n > 200 * MiB ? 200 * MiB - i : n)))
    rand_file "$model/extra/part-$i.bin" "$n"
  done
  # ~200 tiny files (1-8 KB) in nested folders, the tokenizer/config kind of clutter.
  for ((i = 0; i < 200; i++)); do
    d="$model/assets/group-$((i % 7))/sub-$((i % 3))"
    mkdir -p "$d" && head -c $((1024 + (i * 211) % 7168)) /dev/urandom >"$d/file-$i.json"
  done
  touch "$model/.complete"
}
