package dev.custody.format.pem;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.List;

/** Names the curve of an EC key by comparing its parameters with the three OMS curves. */
public final class CurveNames {
  /** The curves OMS signs with, by their SEC 2 names. */
  public static final List<String> SUPPORTED = List.of("secp256r1", "secp384r1", "secp521r1");

  private CurveNames() {}

  /**
   * The SEC 2 name of the curve {@code params} describe.
   *
   * @throws MalformedKeyException if it is not P-256, P-384 or P-521
   */
  public static String of(ECParameterSpec params) throws MalformedKeyException {
    for (String name : SUPPORTED) {
      ECParameterSpec known = parameters(name);
      if (known.getCurve().equals(params.getCurve())
          && known.getGenerator().equals(params.getGenerator())
          && known.getOrder().equals(params.getOrder())) {
        return name;
      }
    }
    throw new MalformedKeyException(
        "the key is on an unsupported curve (expected P-256, P-384 or P-521, the curves OMS"
            + " signs with)");
  }

  private static ECParameterSpec parameters(String name) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(name));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java SE JDK knows " + name, e);
    }
  }
}
