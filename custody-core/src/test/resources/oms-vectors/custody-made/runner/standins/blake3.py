"""Stand-in for the third-party `blake3` package (NOT the real thing).

model_signing v1.1.1 references `blake3.blake3.AUTO` at import time / as a
default argument.  Only the SHA-256 / BLAKE2b code paths are exercised by the
golden-vector runner, so any actual BLAKE3 use raises.
"""


class blake3:  # noqa: N801 - mirror the upstream name
    AUTO = -1

    def __init__(self, *args, **kwargs):
        raise RuntimeError("blake3 stand-in: BLAKE3 hashing is not available")
