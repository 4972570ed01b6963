#!/usr/bin/env python3
"""Create deterministic model folders for OMS golden vectors.

Usage: python3 make_models.py [OUT_DIR]   (default ./models)

Creates:
  OUT_DIR/names-model/   many tricky file names (see NAMES below)
  OUT_DIR/single.bin     one 50-byte file, bytes 0..49
Existing outputs are removed and recreated so the result is reproducible.
"""
import os
import shutil
import sys
import unicodedata

OUT = sys.argv[1] if len(sys.argv) > 1 else "models"

# (relative path, content bytes).  Content of text files is derived from the
# name so every file has distinct, deterministic content.
def _txt(name):
    return ("content of " + name + "\n").encode("utf-8")

NFC_E = unicodedata.normalize("NFC", "\u00e9")     # U+00E9
NFD_E = unicodedata.normalize("NFD", "\u00e9")     # U+0065 U+0301
assert NFC_E == "\u00e9" and NFD_E == "e\u0301"

NAMES = [
    "a.txt",
    "a/b.txt",
    "a-b",
    "B.txt",
    NFC_E + ".txt",
    NFD_E + ".txt",
    "\ufffd.txt",
    "\U0001F600.txt",
    "z/deep/er/file.bin",
    "sub/.git/HEAD",
    ".git/HEAD",
    ".gitignore",
    ".github/x",
    "space name.txt",
    "ZZ",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    model = os.path.join(OUT, "names-model")
    if os.path.isdir(model):
        shutil.rmtree(model)
    os.makedirs(model)
    files = [(n, _txt(n)) for n in NAMES]
    files.append(("empty.bin", b""))
    files.append(("w.bin", bytes(range(100))))
    for rel, data in files:
        p = os.path.join(model, *rel.split("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)

    single = os.path.join(OUT, "single.bin")
    if os.path.exists(single):
        os.remove(single)
    with open(single, "wb") as f:
        f.write(bytes(range(50)))

    # sanity: both normalization forms must exist as distinct entries
    entries = set(os.listdir(model))
    assert NFC_E + ".txt" in entries and NFD_E + ".txt" in entries, entries
    print("created", model, "and", single)


if __name__ == "__main__":
    main()
