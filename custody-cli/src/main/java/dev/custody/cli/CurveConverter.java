package dev.custody.cli;

import dev.custody.sign.Curve;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code p256}, {@code p384} or {@code p521} (any case, with or without a dash). */
final class CurveConverter implements ITypeConverter<Curve> {
  @Override
  public Curve convert(String value) {
    String name = value.toLowerCase(Locale.ROOT).replace("-", "");
    for (Curve curve : Curve.values()) {
      if (curve.displayName().equals(name)) {
        return curve;
      }
    }
    throw new TypeConversionException(
        "unknown curve '"
            + dev.custody.internal.Untrusted.escape(value)
            + "' (expected p256, p384 or p521)");
  }
}
