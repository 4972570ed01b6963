package dev.custody.scan;

import java.util.Objects;

/**
 * A file beside a scanned one that its loader also reads, as the content names it: today an ONNX
 * model's external tensor data. The {@link Scanner} judges it with the folder in hand.
 *
 * @param location the relative location the content names, e.g. {@code model.onnx.data}
 * @param tensor the tensor that reads furthest into the file, for messages
 * @param requiredBytes how long the file must be for every named range to fit: the largest {@code
 *     offset + length} (or {@code offset} when a tensor reads to the end of the file); 0 when no
 *     range was named
 */
public record Companion(String location, String tensor, long requiredBytes) {
  /** Validates the fields. */
  public Companion {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tensor, "tensor");
    if (requiredBytes < 0) {
      throw new IllegalArgumentException("requiredBytes must be at least 0, not " + requiredBytes);
    }
  }

  /** The one of this and {@code other} (same location) that needs the longer file. */
  Companion further(Companion other) {
    return other.requiredBytes > requiredBytes ? other : this;
  }
}
