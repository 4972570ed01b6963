package dev.custody.cli;

import dev.custody.internal.Untrusted;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a byte count: a plain number ({@code 1000000000}) or one with a unit, decimal ({@code kB},
 * {@code MB}, {@code GB}) or binary ({@code KiB}, {@code MiB}, {@code GiB}).
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*([kKmMgGtT]i?[bB])?");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw new TypeConversionException(
          Untrusted.quote(value) + " is not a byte count (expected e.g. 1000000000, 64MiB or 1GB)");
    }
    long unit = unit(m.group(2));
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException(Untrusted.quote(value) + " is too large a byte count");
    }
  }

  private static long unit(String suffix) {
    if (suffix == null) {
      return 1;
    }
    String lower = suffix.toLowerCase(Locale.ROOT);
    int power = "kmgt".indexOf(lower.charAt(0)) + 1;
    long base = lower.contains("i") ? 1024 : 1000;
    long unit = 1;
    for (int i = 0; i < power; i++) {
      unit *= base;
    }
    return unit;
  }
}
