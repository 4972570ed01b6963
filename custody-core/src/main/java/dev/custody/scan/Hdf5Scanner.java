package dev.custody.scan;

import dev.custody.format.hdf5.Hdf5Attribute;
import dev.custody.format.hdf5.Hdf5Attributes;
import dev.custody.format.hdf5.Hdf5Limits;
import dev.custody.format.hdf5.Hdf5Reader;
import dev.custody.format.hdf5.MalformedHdf5Exception;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans an HDF5 file as Keras's legacy {@code .h5} loader reads it: the root attributes {@code
 * model_config} and {@code training_config} are Keras configs ({@link KerasConfig}), read by {@link
 * Hdf5Reader}. Weights are arrays that no loader executes, so they are not read, and a file without
 * those attributes (a weights file, {@code model.weights.h5}) is clean. A file custody cannot read
 * is incomplete, never clean (KERAS-008, KERAS-009). Thread-safe.
 */
public final class Hdf5Scanner {
  /** The root attributes Keras deserializes objects from. */
  static final List<String> CONFIG_ATTRIBUTES = List.of("model_config", "training_config");

  private final Hdf5Limits limits;

  private Hdf5Scanner(Hdf5Limits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link Hdf5Limits#DEFAULT}. */
  public static Hdf5Scanner standard() {
    return new Hdf5Scanner(Hdf5Limits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static Hdf5Scanner withLimits(Hdf5Limits limits) {
    return new Hdf5Scanner(limits);
  }

  /** Scans the file in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    Hdf5Attributes attributes;
    try {
      attributes = Hdf5Reader.rootAttributes(data, limits);
    } catch (MalformedHdf5Exception e) {
      KerasRule which =
          switch (e.reason()) {
            case MALFORMED -> KerasRule.UNREADABLE_HDF5;
            case LIMIT_EXCEEDED -> KerasRule.LIMIT_REACHED;
          };
      return KerasConfig.stopped(
          which, "HDF5 file", "The root attributes could not be read: " + e.getMessage() + ".");
    }
    List<ScanResult> parts = new ArrayList<>();
    for (String name : CONFIG_ATTRIBUTES) {
      for (Hdf5Attribute attribute : attributes.named(name)) {
        parts.add(config(attribute, nested).inside(name + " attribute"));
      }
    }
    return parts.isEmpty() ? ScanResult.clean() : ScanResult.combine(parts);
  }

  private static ScanResult config(Hdf5Attribute attribute, NestedScanner nested) {
    String name = Untrusted.quote(attribute.name());
    return switch (attribute) {
      case Hdf5Attribute.Text text -> KerasConfig.scan(text.joined(), nested);
      case Hdf5Attribute.Other other ->
          KerasConfig.stopped(
              KerasRule.UNREADABLE_CONFIG,
              "HDF5 attribute",
              "Attribute "
                  + name
                  + " is "
                  + Untrusted.escape(other.type())
                  + ", not the JSON text Keras writes.");
      case Hdf5Attribute.Unreadable unreadable ->
          KerasConfig.stopped(
              KerasRule.UNREADABLE_CONFIG,
              "HDF5 attribute",
              "Attribute " + name + " could not be read: " + unreadable.problem() + ".");
    };
  }
}
