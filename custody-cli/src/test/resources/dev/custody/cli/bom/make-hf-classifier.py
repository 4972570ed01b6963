#!/usr/bin/python3
"""Writes hf-classifier/: a tiny Hugging Face style model folder for the `custody bom` tests.

Run with Debian's python3-torch and python3-onnx (CI never runs it; its output is committed):
    /usr/bin/python3 make-hf-classifier.py
The model is a 4-input, 2-class linear classifier with fixed weights, saved as safetensors
(written by hand: the format is an 8-byte header length, a JSON header, then raw tensors) and
exported to ONNX. The card, config and requirements describe it; nothing in them is a real claim
about a published model.
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hf-classifier")


class TinyClassifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 2)

    def forward(self, x):
        return torch.softmax(self.linear(x), dim=-1)


def write_safetensors(path, tensors):
    header, data = {}, b""
    for name in sorted(tensors):
        raw = tensors[name].contiguous().numpy().astype("<f4").tobytes()
        header[name] = {
            "dtype": "F32",
            "shape": list(tensors[name].shape),
            "data_offsets": [len(data), len(data) + len(raw)],
        }
        data += raw
    blob = json.dumps(header, separators=(",", ":")).encode("utf-8")
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)) + blob + data)


def main():
    os.makedirs(OUT, exist_ok=True)
    model = TinyClassifier()
    with torch.no_grad():
        model.linear.weight.copy_(torch.tensor([[0.5, -0.25, 0.125, 1.0], [-0.5, 0.25, -0.125, -1.0]]))
        model.linear.bias.copy_(torch.tensor([0.1, -0.1]))
    model.eval()
    write_safetensors(os.path.join(OUT, "model.safetensors"), model.state_dict())
    torch.onnx.export(
        model, torch.zeros(1, 4), os.path.join(OUT, "model.onnx"),
        input_names=["features"], output_names=["probabilities"], opset_version=13)
    with open(os.path.join(OUT, "config.json"), "w", encoding="utf-8") as f:
        json.dump({
            "architectures": ["TinyClassifier"],
            "model_type": "tiny-linear",
            "hidden_size": 4,
            "num_labels": 2,
            "torch_dtype": "float32",
            "transformers_version": "4.30.0",
        }, f, indent=2)
        f.write("\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("""---
license: apache-2.0
language:
- en
datasets:
- custody-test/sentiment-tiny
base_model: custody-test/tiny-linear-base
pipeline_tag: text-classification
metrics:
- accuracy
model-index:
- name: hf-classifier
  results:
  - task:
      type: text-classification
    dataset:
      name: custody-test/sentiment-tiny
      type: custody-test/sentiment-tiny
      split: test
    metrics:
    - type: accuracy
      value: 0.75
---

# hf-classifier

A four-feature, two-class linear classifier made by `make-hf-classifier.py` for custody's tests.
""")
    with open(os.path.join(OUT, "requirements.txt"), "w", encoding="utf-8") as f:
        f.write("# what make-hf-classifier.py ran with\ntorch==%s\nonnx==1.12.0\nnumpy>=1.21\n"
                % torch.__version__)


if __name__ == "__main__":
    main()
