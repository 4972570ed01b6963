"""Writes a benchmark PyTorch checkpoint with the real torch.save (zip format, ZIP64 past 4 GiB).

Usage: /usr/bin/python3 make_checkpoint.py OUT GIB

A transformer-shaped state dict: per layer a 16 MiB float32 weight and a small bias, until the
weights reach GIB gibibytes. The tensors are torch.empty: their content does not matter to a
scanner or to sha256, and untouched pages cost no memory, so an 8 GiB checkpoint needs no 8 GiB
of RAM. The file is written normally (not sparse).
"""
import collections
import sys

import torch


def main() -> None:
    out, gib = sys.argv[1], int(sys.argv[2])
    side = 2048  # 2048 x 2048 float32 = 16 MiB
    layers = gib * 1024 // 16
    state = collections.OrderedDict()
    for i in range(layers):
        state[f"model.layers.{i}.weight"] = torch.empty(side, side)
        state[f"model.layers.{i}.bias"] = torch.empty(side)
    torch.save(state, out)


if __name__ == "__main__":
    main()
