#!/usr/bin/python3
"""Writes the seed inputs of ProvenanceReaderFuzzTest (run from this folder)."""
import copy
import json

OUT = "ProvenanceReaderFuzzTestInputs/provenanceReaderEndsWithProvenanceOrMalformed/"
M = "ab" * 32
D = "cd" * 32
st = {"_type": "https://in-toto.io/Statement/v1",
      "subject": [{"name": "tuned", "digest": {"sha256": M}}],
      "predicateType": "https://slsa.dev/provenance/v1",
      "predicate": {"buildDefinition": {
          "buildType": "https://custody.dev/provenance/training/v1",
          "externalParameters": {"parameters": {"epochs": 3, "fp16": True, "lr": 0.001, "note": "a"},
                                 "parametersFile": {"name": "p.json", "digest": {"sha256": D}}},
          "internalParameters": {"digest": {"hash": "sha256", "method": "files"},
                                 "modelConfig": {"model_type": "bert"}},
          "resolvedDependencies": [
              {"name": "data", "digest": {"sha256": D}, "annotations": {"kind": "dataset"}},
              {"digest": {"sha256": M}, "annotations": {"kind": "base-model"}},
              {"uri": "git+https://example.com/t@" + "0" * 40, "digest": {"gitCommit": "0" * 40},
               "annotations": {"kind": "code"}},
              {"uri": "pkg:pypi/torch@2.1.0", "annotations": {"kind": "python-package"}},
              {"uri": "pkg:pypi/transformers@4.41.0",
               "annotations": {"kind": "framework", "source": "config.json transformers_version"}}]},
          "runDetails": {"builder": {"id": "https://custody.dev/provenance/builder/cli/v1"},
                         "metadata": {"invocationId": "r1", "startedOn": "2026-01-01T00:00:00Z",
                                      "finishedOn": "2026-01-01T01:00:00+01:00"},
                         "byproducts": [{"name": "metrics.json", "digest": {"sha256": D},
                                         "content": "eyJsb3NzIjogMC4xfQ==",
                                         "mediaType": "application/json",
                                         "annotations": {"kind": "metrics"}}]}}}
open(OUT + "full", "w").write(json.dumps(st, separators=(",", ":")))
s2 = copy.deepcopy(st)
s2["predicate"]["buildDefinition"]["internalParameters"]["digest"] = {
    "hash": "blake2b", "method": "shards", "shardSize": 1e9}
open(OUT + "shards-float-size", "w").write(json.dumps(s2))
s3 = copy.deepcopy(st)
del s3["predicate"]["runDetails"]["metadata"]
del s3["predicate"]["runDetails"]["byproducts"]
s3["predicate"]["buildDefinition"]["resolvedDependencies"] = []
open(OUT + "minimal", "w").write(json.dumps(s3, indent=2))
open(OUT + "unknown-field", "w").write(json.dumps(dict(st, extra=1)))
open(OUT + "oms-statement", "w").write(
    '{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"m","digest":{"sha256":"'
    + M + '"}}],"predicateType":"https://model_signing/signature/v1.0","predicate":{}}')
open(OUT + "lone-surrogate", "w").write(
    json.dumps(st, separators=(",", ":")).replace('"name":"data"', '"name":"data\\ud800"'))
