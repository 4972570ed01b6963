"""Stand-in for the third-party `sigstore` package (NOT the real thing).

model_signing 1.1.1 imports `sigstore` at module level (in
`model_signing._signing.sign_sigstore`, reached from `model_signing.signing` and
`model_signing.verifying`), but only its keyless (Sigstore/Fulcio/Rekor) method
uses it. The key and certificate methods never touch it. Every attribute of these
stand-in modules is a placeholder class that raises as soon as it is called, so
any accidental use of the keyless path fails loudly instead of passing.
"""
