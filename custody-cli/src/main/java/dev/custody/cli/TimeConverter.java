package dev.custody.cli;

import dev.custody.internal.Untrusted;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An RFC 3339 time with an offset, e.g. {@code 2026-11-20T08:00:00Z}; a bad one exits 2. */
final class TimeConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          Untrusted.quote(value)
              + " is not an RFC 3339 time with an offset (e.g. 2026-11-20T08:00:00Z)");
    }
  }
}
