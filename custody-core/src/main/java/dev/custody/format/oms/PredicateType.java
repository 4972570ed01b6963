package dev.custody.format.oms;

/** The OMS predicate versions custody reads. */
public enum PredicateType {
  /** OMS v1.0: one subject (the root digest), the serialization and every resource. */
  SIGNATURE_V1("https://model_signing/signature/v1.0"),
  /**
   * OMS v0.2: one subject per file, SHA-256 only, signed over a faulty pre-authentication encoding.
   * Read so that old signatures still verify; never written.
   */
  DIGESTS_V0_1("https://model_signing/Digests/v0.1");

  private final String uri;

  PredicateType(String uri) {
    this.uri = uri;
  }

  /** The {@code predicateType} URI. */
  public String uri() {
    return uri;
  }
}
