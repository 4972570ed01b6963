"""Stand-in for `sigstore.dsse` (NOT the real thing); see `sigstore/__init__.py`."""


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)

    class _Unavailable:
        __qualname__ = "sigstore.dsse." + name

        def __init__(self, *args, **kwargs):
            raise RuntimeError("sigstore stand-in: keyless signing is not available")

        def __getattr__(self, attr):
            raise RuntimeError("sigstore stand-in: keyless signing is not available")

    _Unavailable.__name__ = name
    return _Unavailable
