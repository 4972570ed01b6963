package dev.custody.cli;

import dev.custody.model.HashAlgorithm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --hash} values by their OMS names (sha256, blake2b, blake3). */
final class HashAlgorithmConverter implements ITypeConverter<HashAlgorithm> {
  @Override
  public HashAlgorithm convert(String value) {
    try {
      return HashAlgorithm.fromOmsName(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(String.valueOf(e.getMessage()));
    }
  }
}
