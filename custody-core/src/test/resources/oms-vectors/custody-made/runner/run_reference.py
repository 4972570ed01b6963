"""Verify signatures with the reference model_signing 1.1.1 verifier, offline.

Every case is verified twice, with the unmodified upstream code:

* API: model_signing.verifying.Config().use_elliptic_key_verifier(public_key=PUB)
  (or .use_certificate_verifier(certificate_chain=[ROOT])).verify(MODEL, SIG)
  -- the hashing configuration is guessed from the signed manifest.
* CLI: python3 -m model_signing verify key MODEL --signature SIG --public_key PUB
  (or verify certificate ... --certificate_chain ROOT), in a subprocess.

Usage (see HOWTO.md for the PYTHONPATH):
  python3 run_reference.py [--only custody|reference] [--json OUT]

Paths are relative to custody-core/src/test/resources/oms-vectors. Exit code is
0 when every case gave the expected result.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import traceback

import model_signing
from model_signing import hashing
from model_signing import verifying

VECTORS = pathlib.Path(__file__).resolve().parents[2]

# (case id, origin, model, signature, method, key or trust anchor, explicit hashing)
#
# "explicit hashing": None when the reference can guess the hashing config from the
# signed manifest; otherwise the hashing.Config a user has to pass, because the
# 1.1.1 guess fails for blake2b (see README.md) and the 1.1.1 CLI always
# verifies with the default (files, sha256).
CASES = [
    # Sanity: the reference's own vectors (made by model_signing 1.1.1).
    ("ref/files-sha256-p256", "reference", "tiny-model", "sigs/files-sha256-p256.sig", "key", "keys/p256.pub.pem", None),
    ("ref/files-sha256-p384", "reference", "tiny-model", "sigs/files-sha256-p384.sig", "key", "keys/p384.pub.pem", None),
    ("ref/files-blake2b-p256", "reference", "tiny-model", "sigs/files-blake2b-p256.sig", "key", "keys/p256.pub.pem", {"method": "files", "hashing_algorithm": "blake2"}),
    ("ref/singlefile-sha256-p256", "reference", "tiny-model/model.safetensors", "sigs/singlefile-sha256-p256.sig", "key", "keys/p256.pub.pem", None),
    ("ref/files-sha256-cert", "reference", "tiny-model", "sigs/files-sha256-cert.sig", "certificate", "keys/ca-root-cert.pem", None),
    ("ref/cli-files-sha256-p256", "reference", "cli-model", "cli-model/model.sig", "key", "keys/p256.pub.pem", None),
    # custody-made (custody sign), see ../README.md for the exact custody commands.
    ("ref/shards16-sha256-p256", "reference", "tiny-model", "custody-made/reference-controls/shards16-sha256-p256.sig", "key", "keys/p256.pub.pem", {"method": "shards", "hashing_algorithm": "sha256", "shard_size": 16}),
    ("ref/shards16-blake2-p256", "reference", "tiny-model", "custody-made/reference-controls/shards16-blake2-p256.sig", "key", "keys/p256.pub.pem", {"method": "shards", "hashing_algorithm": "blake2", "shard_size": 16}),
    ("custody/files-sha256-p256", "custody", "tiny-model", "custody-made/sigs/files-sha256-p256.sig", "key", "custody-made/keys/p256.pub.pem", None),
    ("custody/files-sha256-p384", "custody", "tiny-model", "custody-made/sigs/files-sha256-p384.sig", "key", "custody-made/keys/p384.pub.pem", None),
    ("custody/files-sha256-p521", "custody", "tiny-model", "custody-made/sigs/files-sha256-p521.sig", "key", "custody-made/keys/p521.pub.pem", None),
    ("custody/files-blake2b-p256", "custody", "tiny-model", "custody-made/sigs/files-blake2b-p256.sig", "key", "custody-made/keys/p256.pub.pem", {"method": "files", "hashing_algorithm": "blake2"}),
    ("custody/files-blake2b-p384", "custody", "tiny-model", "custody-made/sigs/files-blake2b-p384.sig", "key", "custody-made/keys/p384.pub.pem", {"method": "files", "hashing_algorithm": "blake2"}),
    ("custody/files-blake2b-p521", "custody", "tiny-model", "custody-made/sigs/files-blake2b-p521.sig", "key", "custody-made/keys/p521.pub.pem", {"method": "files", "hashing_algorithm": "blake2"}),
    ("custody/shards16-sha256-p256", "custody", "tiny-model", "custody-made/sigs/shards16-sha256-p256.sig", "key", "custody-made/keys/p256.pub.pem", {"method": "shards", "hashing_algorithm": "sha256", "shard_size": 16}),
    ("custody/shards1000000000-sha256-p256", "custody", "tiny-model", "custody-made/sigs/shards1000000000-sha256-p256.sig", "key", "custody-made/keys/p256.pub.pem", {"method": "shards", "hashing_algorithm": "sha256", "shard_size": 1000000000}),
    ("custody/singlefile-sha256-p256", "custody", "tiny-model/model.safetensors", "custody-made/sigs/singlefile-sha256-p256.sig", "key", "custody-made/keys/p256.pub.pem", None),
    ("custody/inside-model-sha256-p384", "custody", "custody-made/inside-model", "custody-made/inside-model/model.sig", "key", "custody-made/keys/p384.pub.pem", None),
    ("custody/files-sha256-cert", "custody", "tiny-model", "custody-made/sigs/files-sha256-cert.sig", "certificate", "custody-made/keys/ca-root-cert.pem", None),
    ("custody/files-sha256-keygen-p256", "custody", "tiny-model", "custody-made/sigs/files-sha256-keygen.sig", "key", "custody-made/keys/custody-keygen-p256.pub.pem", None),
    ("custody/shards16-blake2b-keygen-p521", "custody", "tiny-model", "custody-made/sigs/shards16-blake2b-keygen-p521.sig", "key", "custody-made/keys/custody-keygen-p521.pub.pem", {"method": "shards", "hashing_algorithm": "blake2", "shard_size": 16}),
]


def _verifier_config(method, key):
    if method == "key":
        call = f"verifying.Config().use_elliptic_key_verifier(public_key='{key}')"
        config = verifying.Config().use_elliptic_key_verifier(public_key=VECTORS / key)
    else:
        call = f"verifying.Config().use_certificate_verifier(certificate_chain=['{key}'])"
        config = verifying.Config().use_certificate_verifier(certificate_chain=[VECTORS / key])
    return call, config


def api_call(model, sig, method, key, explicit=None):
    """Reference API; explicit=None lets the reference guess the hashing config."""
    call, config = _verifier_config(method, key)
    if explicit is not None:
        kwargs = {k: v for k, v in explicit.items() if k != "method"}
        use = "use_file_serialization" if explicit["method"] == "files" else "use_shard_serialization"
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        call += f".set_hashing_config(hashing.Config().{use}({args}))"
        config = config.set_hashing_config(getattr(hashing.Config(), use)(**kwargs))
    call += f".verify('{model}', '{sig}')"
    try:
        config.verify(VECTORS / model, VECTORS / sig)
        return call, "ACCEPTED", ""
    except Exception as err:  # noqa: BLE001 - we report every failure
        return call, "REJECTED", f"{type(err).__name__}: {err}\n" + traceback.format_exc()


def cli_call(model, sig, method, key):
    if method == "key":
        args = ["verify", "key", model, "--signature", sig, "--public_key", key]
    else:
        args = ["verify", "certificate", model, "--signature", sig, "--certificate_chain", key]
    proc = subprocess.run(
        [sys.executable, "-m", "model_signing", *args],
        cwd=VECTORS,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    call = "python3 -m model_signing " + " ".join(args)
    out = (proc.stdout + proc.stderr).strip()
    ok = proc.returncode == 0 and "Verification succeeded" in proc.stdout
    return call, "ACCEPTED" if ok else f"REJECTED (exit {proc.returncode})", out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["custody", "reference"])
    parser.add_argument("--json")
    args = parser.parse_args()

    print(f"model_signing {model_signing.__version__} from {pathlib.Path(model_signing.__file__).parent}")
    results = []
    failures = 0
    passed = 0
    for case_id, origin, model, sig, method, key, explicit in CASES:
        if args.only and origin != args.only:
            continue
        entry = {
            "case": case_id,
            "origin": origin,
            "model": model,
            "signature": sig,
            "method": method,
            "key_or_trust_anchor": key,
        }
        calls = [("api_guess", *api_call(model, sig, method, key))]
        if explicit is not None:
            calls.append(("api_explicit", *api_call(model, sig, method, key, explicit)))
        calls.append(("cli", *cli_call(model, sig, method, key)))
        # What must pass: the API with the guessed config when the reference can
        # guess it, else the API with the explicit config; the CLI when the
        # signature is files/sha256 (the only config the 1.1.1 CLI verifies with).
        must = {"api_explicit"} if explicit is not None else {"api_guess", "cli"}
        line = []
        for kind, call, result, detail in calls:
            entry[kind] = {"call": call, "result": result, "detail": detail}
            line.append(f"{kind} {result}")
            if result != "ACCEPTED":
                short = detail.splitlines()[0] if detail else ""
                print(f"  {kind}: {call}\n    -> {short[:400]}")
            if kind in must:
                if result == "ACCEPTED":
                    passed += 1
                else:
                    failures += 1
        entry["accepted"] = all(entry[k]["result"] == "ACCEPTED" for k in must)
        print(f"{case_id}: {'; '.join(line)}")
        results.append(entry)
    # Negative controls: the same calls must reject a wrong key and a changed model,
    # so an ACCEPTED above is not vacuous.
    if args.only != "reference":
        with tempfile.TemporaryDirectory() as tmp:
            changed = pathlib.Path(tmp) / "tiny-model"
            shutil.copytree(VECTORS / "tiny-model", changed)
            (changed / "config.json").write_bytes(b"{}\n")
            for name, model, key in [
                ("negative/wrong-key", "tiny-model", "custody-made/keys/p384.pub.pem"),
                ("negative/changed-model", str(changed), "custody-made/keys/p256.pub.pem"),
            ]:
                call, result, detail = api_call(model, "custody-made/sigs/files-sha256-p256.sig", "key", key)
                short = detail.splitlines()[0] if detail else ""
                print(f"{name}: api_guess {result} (expected REJECTED) -> {short[:200]}")
                results.append({"case": name, "api_guess": {"call": call, "result": result, "detail": short}})
                if result == "REJECTED":
                    passed += 1
                else:
                    failures += 1
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
