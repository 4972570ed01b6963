package dev.custody.sign;

/**
 * The elliptic curves OMS signs with, each with the digest its ECDSA signatures use (as the
 * reference implementation pairs them).
 */
public enum Curve {
  /** NIST P-256 (secp256r1) with SHA-256. */
  P256("p256", "secp256r1", "SHA256withECDSA", 256),
  /** NIST P-384 (secp384r1) with SHA-384. */
  P384("p384", "secp384r1", "SHA384withECDSA", 384),
  /** NIST P-521 (secp521r1) with SHA-512. */
  P521("p521", "secp521r1", "SHA512withECDSA", 521);

  private final String displayName;
  private final String standardName;
  private final String signatureAlgorithm;
  private final int fieldBits;

  Curve(String displayName, String standardName, String signatureAlgorithm, int fieldBits) {
    this.displayName = displayName;
    this.standardName = standardName;
    this.signatureAlgorithm = signatureAlgorithm;
    this.fieldBits = fieldBits;
  }

  /** The short name used on the command line: {@code p256}, {@code p384}, {@code p521}. */
  public String displayName() {
    return displayName;
  }

  /** The SEC 2 name the JDK knows the curve by. */
  public String standardName() {
    return standardName;
  }

  /** The JCA signature algorithm for this curve. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The size of the curve's field in bits, which identifies it among these three. */
  public int fieldBits() {
    return fieldBits;
  }
}
