package dev.custody.store;

/** What a piece of evidence is. */
public enum EvidenceKind {
  /** An OMS model signature (predicate {@code https://model_signing/signature/v1.0}). */
  SIGNATURE("signature"),
  /** A SLSA provenance attestation (predicate {@code https://slsa.dev/provenance/v1}). */
  ATTESTATION("attestation");

  private final String fileNamePrefix;

  EvidenceKind(String fileNamePrefix) {
    this.fileNamePrefix = fileNamePrefix;
  }

  /** The word that starts its file name in a local store. */
  public String fileNamePrefix() {
    return fileNamePrefix;
  }
}
