"""Writes examples/signed-model/model.safetensors: one 2x2 float32 tensor, little-endian.

Run with /usr/bin/python3 from the repository root. The signature beside it (model.sig) was made
once with `./custody sign examples/signed-model --key <private key>`; the private key was not kept,
so the files must never change (a changed file is exactly what the signature refuses).
"""
import json
import struct

tensor = struct.pack("<4f", 0.5, -1.0, 2.0, 0.25)
header = json.dumps(
    {"weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, len(tensor)]}},
    separators=(",", ":"),
).encode()
header += b" " * (-len(header) % 8)
with open("examples/signed-model/model.safetensors", "wb") as out:
    out.write(struct.pack("<Q", len(header)) + header + tensor)
