package dev.custody.scan;

import dev.custody.finding.Location;
import dev.custody.finding.Severity;
import dev.custody.format.hdf5.Hdf5Attribute;
import dev.custody.format.hdf5.Hdf5Attributes;
import dev.custody.format.hdf5.Hdf5Limits;
import dev.custody.format.hdf5.Hdf5Object;
import dev.custody.format.hdf5.Hdf5Reader;
import dev.custody.format.hdf5.Hdf5Tree;
import dev.custody.format.hdf5.MalformedHdf5Exception;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans an HDF5 file as the loaders that run code from it read it. Keras's legacy {@code .h5}
 * loader: the root attributes {@code model_config} and {@code training_config} are Keras configs
 * ({@link KerasConfig}). PyTables (and pandas {@code read_hdf}): any group's or dataset's
 * fixed-length string attribute ending with a pickle STOP, and every row of an object array, is
 * unpickled ({@link PickleScanner}). Numeric weights are never executed, so they are not read. A
 * file custody cannot read is incomplete, never clean (KERAS-008/009, HDF5-001/002). Thread-safe.
 */
public final class Hdf5Scanner {
  /** The root attributes Keras deserializes objects from. */
  static final List<String> CONFIG_ATTRIBUTES = List.of("model_config", "training_config");

  private static final PickleScanner PICKLES = PickleScanner.standard();

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
    // The walk reads the root header again (a few structure reads) rather than reusing it: a file
    // whose groups the walk cannot read still has its Keras config judged.
    parts.add(pickles(data));
    return ScanResult.combine(parts);
  }

  /**
   * The pickles PyTables (and pandas through it) runs: every fixed-length string attribute that
   * ends with the pickle STOP opcode is handed to {@code pickle.loads} when the attribute is read,
   * and every row of an object array when the array is read.
   */
  private ScanResult pickles(ByteBuffer data) {
    Hdf5Tree tree;
    try {
      tree = Hdf5Reader.objects(data, limits);
    } catch (MalformedHdf5Exception e) {
      Hdf5Rule which =
          switch (e.reason()) {
            case MALFORMED -> Hdf5Rule.UNREADABLE;
            case LIMIT_EXCEEDED -> Hdf5Rule.LIMIT_REACHED;
          };
      return stopped(which, "HDF5 file", "Its groups could not be walked: " + e.getMessage() + ".");
    }
    List<ScanResult> parts = new ArrayList<>();
    for (Hdf5Object object : tree.objects()) {
      String where = Untrusted.quote(object.path());
      for (Hdf5Attribute attribute : object.attributes()) {
        if (attribute instanceof Hdf5Attribute.Text text
            && text.scalarBytes().filter(Hdf5Scanner::endsWithStop).isPresent()) {
          parts.add(
              attributePickle(text.scalarBytes().orElseThrow())
                  .inside("attribute " + Untrusted.quote(text.name()) + " of " + where));
        }
      }
      parts.add(rows(object.rows(), where));
    }
    return ScanResult.combine(parts);
  }

  private static boolean endsWithStop(ByteBuffer bytes) {
    return bytes.remaining() > 0 && bytes.get(bytes.limit() - 1) == '.';
  }

  /**
   * PyTables keeps an attribute that does not unpickle as the string it is, so a text that merely
   * ends with a full stop is no finding: only what a pickle would do before failing counts.
   */
  private static ScanResult attributePickle(ByteBuffer bytes) {
    ScanResult result = PICKLES.scan(bytes.duplicate());
    boolean onlyNotAPickle =
        !result.completed()
            && result.findings().stream()
                .allMatch(f ->
                    f.rule().equals(PickleRule.MALFORMED.id())
                        || !f.severity().isAtLeast(Severity.MEDIUM));
    return onlyNotAPickle ? ScanResult.clean() : result;
  }

  private static ScanResult rows(Hdf5Object.Rows rows, String where) {
    return switch (rows) {
      case Hdf5Object.Rows.None none -> ScanResult.clean();
      case Hdf5Object.Rows.Read read -> {
        List<ScanResult> parts = new ArrayList<>();
        for (int i = 0; i < read.rows().size(); i++) {
          parts.add(
              PICKLES.scan(read.rows().get(i).duplicate()).inside("row " + i + " of " + where));
        }
        yield ScanResult.combine(parts);
      }
      case Hdf5Object.Rows.Unreadable unreadable ->
          stopped(
              Hdf5Rule.UNREADABLE,
              "object array " + where,
              "Its rows, which PyTables unpickles, could not be read: "
                  + unreadable.problem()
                  + ".");
    };
  }

  private static ScanResult stopped(Hdf5Rule which, String subject, String detail) {
    return new ScanResult(
        List.of(RuleBook.standard().rule(which.id()).finding(Location.at(0), subject, detail)),
        false);
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
