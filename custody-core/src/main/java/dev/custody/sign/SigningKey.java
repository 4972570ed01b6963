package dev.custody.sign;

import dev.custody.format.pem.CurveNames;
import dev.custody.format.pem.MalformedKeyException;
import dev.custody.format.pem.PemWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * An EC private key with its public key and curve: what {@code custody sign} signs with. It has no
 * {@code equals} and its {@code toString} shows only the public key's hint, so the secret never
 * reaches a log by accident.
 */
public final class SigningKey {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final Curve curve;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey, Curve curve) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.curve = curve;
  }

  /**
   * Wraps a key pair read from a file.
   *
   * @throws MalformedKeyException if it is not an EC key on P-256, P-384 or P-521
   */
  public static SigningKey of(KeyPair pair) throws MalformedKeyException {
    return new SigningKey(pair.getPrivate(), pair.getPublic(), curveOf(pair.getPublic()));
  }

  /** A new random key on {@code curve}. */
  public static SigningKey generate(Curve curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve.standardName()));
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic(), curve);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java SE JDK can make " + curve + " keys", e);
    }
  }

  /** The curve of an EC public key, if it is one OMS signs with. */
  public static Curve curveOf(PublicKey key) throws MalformedKeyException {
    if (!(key instanceof ECPublicKey ec)) {
      throw new MalformedKeyException(
          "the key is "
              + key.getAlgorithm()
              + " (expected an EC key on P-256, P-384 or P-521; OMS signs with ECDSA only)");
    }
    String name = CurveNames.of(ec.getParams());
    for (Curve curve : Curve.values()) {
      if (curve.standardName().equals(name)) {
        return curve;
      }
    }
    throw new IllegalStateException("CurveNames returned an unknown curve " + name);
  }

  /** The private key; only signing code needs it. */
  PrivateKey privateKey() {
    return privateKey;
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The key's curve. */
  public Curve curve() {
    return curve;
  }

  /**
   * The private key as PKCS#8 PEM, encrypted when {@code password} is given: what {@code custody
   * keygen} writes. Callers must store it with owner-only permissions.
   */
  public byte[] privateKeyPem(char @Nullable [] password) {
    return PemWriter.privateKey(privateKey, password);
  }

  @Override
  public String toString() {
    return "SigningKey[" + curve.displayName() + " sha256:" + PublicKeys.hint(publicKey) + "]";
  }
}
