"""Writes a folder of many small model files for the scan benchmark.

Usage: /usr/bin/python3 make_small_files.py DIR COUNT

Half are pickles (protocol 2 to 5: dicts of lists, numbers and strings, like small configs and
sklearn-free state), half are safetensors files with a few float32 tensors, in 50 subfolders.
Deterministic, stdlib only.
"""
import json
import os
import pickle
import random
import struct
import sys


def safetensors(rng: random.Random) -> bytes:
    header, data = {}, b""
    for t in range(rng.randint(1, 6)):
        n = rng.randint(1, 2048)
        header[f"tensor.{t}"] = {
            "dtype": "F32",
            "shape": [n],
            "data_offsets": [len(data), len(data) + 4 * n],
        }
        data += struct.pack(f"<{n}f", *(rng.random() for _ in range(n)))
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def small_pickle(rng: random.Random) -> bytes:
    value = {
        "name": f"layer-{rng.randint(0, 10**6)}",
        "shape": [rng.randint(1, 512) for _ in range(rng.randint(1, 4))],
        "weights": [rng.random() for _ in range(rng.randint(10, 2000))],
        "meta": {"epoch": rng.randint(0, 100), "ok": True, "tags": ("a", "b")},
    }
    return pickle.dumps(value, protocol=rng.randint(2, 5))


def main() -> None:
    root, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    for i in range(count):
        folder = os.path.join(root, f"group-{i % 50:02d}")
        os.makedirs(folder, exist_ok=True)
        if i % 2:
            name, data = f"weights-{i}.safetensors", safetensors(rng)
        else:
            name, data = f"state-{i}.pkl", small_pickle(rng)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
