package dev.custody.format.safetensors;

/**
 * How much of a safetensors header {@link SafetensorsReader} reads before it stops with {@link
 * MalformedSafetensorsException.Reason#LIMIT_EXCEEDED}.
 *
 * @param maxHeaderBytes largest JSON header read, at most the library's own cap of 100 MB
 * @param maxValues most JSON values (objects, strings, numbers...) in the header; bounds memory
 */
public record SafetensorsLimits(int maxHeaderBytes, int maxValues) {
  /** The safetensors library refuses larger headers ({@code MAX_HEADER_SIZE}). */
  public static final long LIBRARY_MAX_HEADER = 100_000_000L;

  /** Headers of real models are a few hundred kilobytes; this leaves ample room. */
  public static final SafetensorsLimits DEFAULT = new SafetensorsLimits(16 << 20, 4_000_000);

  /** Checks the limits are positive and the header limit is within the library's. */
  public SafetensorsLimits {
    if (maxHeaderBytes < 1 || maxHeaderBytes > LIBRARY_MAX_HEADER || maxValues < 1) {
      throw new IllegalArgumentException(
          "maxHeaderBytes must be 1.." + LIBRARY_MAX_HEADER + " and maxValues positive");
    }
  }
}
