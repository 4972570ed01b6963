"""Make control signatures with the reference signer (model_signing 1.1.1).

Shard and BLAKE2 signatures made by the reference itself, so the runner can show
that the reference's verifier treats them exactly like custody's: the 1.1.1 CLI
rejects every shard or blake2 signature (it always hashes files/sha256), and the
API cannot guess the config of a blake2 signature. Run with the PYTHONPATH from
HOWTO.md; writes ../reference-controls/*.sig (test key p256 only).
"""

import pathlib

from model_signing import hashing
from model_signing import signing

VECTORS = pathlib.Path(__file__).resolve().parents[2]
OUT = VECTORS / "custody-made" / "reference-controls"
OUT.mkdir(exist_ok=True)
KEY = VECTORS / "keys" / "p256.pem"
MODEL = VECTORS / "tiny-model"

for name, hcfg in [
    ("shards16-sha256-p256", hashing.Config().use_shard_serialization(hashing_algorithm="sha256", shard_size=16)),
    ("shards16-blake2-p256", hashing.Config().use_shard_serialization(hashing_algorithm="blake2", shard_size=16)),
]:
    signing.Config().use_elliptic_key_signer(private_key=KEY).set_hashing_config(hcfg).sign(
        MODEL, OUT / f"{name}.sig"
    )
    print("wrote", OUT / f"{name}.sig")
