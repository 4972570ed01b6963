package dev.custody.sign;

import dev.custody.format.pem.MalformedKeyException;
import java.security.PublicKey;

/**
 * A public key trusted to sign models.
 *
 * @param name what the trust source calls the key (a file name, a policy entry)
 * @param key an EC public key on P-256, P-384 or P-521
 * @param curve the key's curve
 */
public record TrustedKey(String name, PublicKey key, Curve curve) {
  /** A trusted key named {@code name}, checking that it is an EC key OMS can use. */
  public static TrustedKey of(String name, PublicKey key) throws MalformedKeyException {
    return new TrustedKey(name, key, SigningKey.curveOf(key));
  }

  /** The OMS hint that names this key in a bundle. */
  public String hint() {
    return PublicKeys.hint(key);
  }
}
