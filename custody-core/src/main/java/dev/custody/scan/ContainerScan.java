package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import dev.custody.format.zip.MalformedZipException;
import dev.custody.format.zip.MemberData;
import dev.custody.format.zip.ZipAnomaly;
import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.format.zip.ZipLimits;
import dev.custody.format.zip.ZipReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One container scan in progress: findings about the container itself, results of the members
 * scanned inside it, and whether everything was covered. Shared by the zip, PyTorch and numpy
 * scanners so they report archive anomalies and unreadable members the same way.
 */
final class ContainerScan {
  private static final Limits ONE_PICKLE = Limits.DEFAULT.withMaxPickles(1);

  private final RuleBook rules = RuleBook.standard();
  private final List<Finding> findings = new ArrayList<>();
  private final List<ScanResult> parts = new ArrayList<>();
  private boolean completed = true;

  void add(ContainerRule which, long offset, String subject, String detail) {
    findings.add(rules.rule(which).finding(Location.at(Math.max(0, offset)), subject, detail));
  }

  void add(ScanResult part) {
    parts.add(part);
  }

  void incomplete() {
    completed = false;
  }

  ScanResult result() {
    List<ScanResult> all = new ArrayList<>(parts);
    all.add(new ScanResult(findings, completed));
    return ScanResult.combine(all);
  }

  /**
   * Reads the zip in {@code data} and scans it with {@code scan}, or reports it as unreadable: the
   * one way every zip-based scanner opens its input.
   */
  static ScanResult ofZip(
      ByteBuffer data, ZipLimits limits, java.util.function.Function<ZipArchive, ScanResult> scan) {
    ZipArchive archive;
    try {
      archive = ZipReader.read(data, limits);
    } catch (MalformedZipException e) {
      return malformedArchive(e);
    }
    return scan.apply(archive);
  }

  /** The result for an archive no reader opens. */
  static ScanResult malformedArchive(MalformedZipException e) {
    ContainerScan scan = new ContainerScan();
    scan.malformed(e);
    return scan.result();
  }

  /** Reports the archive as unreadable. */
  void malformed(MalformedZipException e) {
    add(ContainerRule.MALFORMED, e.offset(), "zip archive", e.getMessage());
    incomplete();
  }

  /** Reports every anomaly the reader found. */
  void anomalies(ZipArchive archive) {
    if (!archive.completed()) {
      incomplete();
    }
    for (ZipAnomaly anomaly : archive.anomalies()) {
      ContainerRule which =
          switch (anomaly.kind()) {
            case LOCAL_NAME_MISMATCH, LOCAL_FIELD_MISMATCH -> ContainerRule.LOCAL_MISMATCH;
            case BAD_LOCAL_HEADER, DATA_OUT_OF_RANGE -> ContainerRule.UNREADABLE_MEMBER;
            case LOCAL_ONLY_ENTRY -> ContainerRule.LOCAL_ONLY;
            case OVERLAPPING_ENTRIES -> ContainerRule.OVERLAP;
            case DUPLICATE_NAME -> ContainerRule.DUPLICATE_NAME;
            case UNSAFE_NAME -> ContainerRule.UNSAFE_NAME;
            case SYMLINK -> ContainerRule.SYMLINK;
            case ENCRYPTED -> ContainerRule.ENCRYPTED;
            case SIZE_MISMATCH, UNICODE_PATH_MISMATCH -> ContainerRule.SIZE_MISMATCH;
            case PREPENDED_DATA, TRAILING_DATA, UNACCOUNTED_BYTES -> ContainerRule.OFFSET_CONFUSION;
            case ENTRY_LIMIT -> ContainerRule.LIMIT_REACHED;
          };
      String member = anomaly.member();
      add(
          which,
          anomaly.offset(),
          member == null ? "zip archive" : Untrusted.escape(member),
          anomaly.message() + ".");
    }
  }

  /**
   * Extracts a member, reporting CRC and size mismatches and unreadable data; null when there is
   * nothing to scan (the scan is then incomplete).
   */
  @Nullable ByteBuffer open(ZipArchive archive, ZipEntry entry) {
    if (entry.encrypted()) {
      // The flag bits may sit on plain data that some loaders read anyway: scan that reading,
      // and count the member as not fully scanned.
      incomplete();
      return open(entry, archive.openIgnoringEncryptionFlags(entry));
    }
    return open(entry, archive.open(entry));
  }

  private @Nullable ByteBuffer open(ZipEntry entry, MemberData data) {
    String subject = Untrusted.escape(entry.name());
    return switch (data) {
      case MemberData.Contents contents -> {
        if (!contents.crcMatches()) {
          add(
              ContainerRule.CRC_MISMATCH,
              entry.localHeaderOffset(),
              subject,
              "Member " + Untrusted.quote(entry.name()) + " fails its CRC-32 check.");
        }
        if (!contents.sizeMatches()) {
          add(
              ContainerRule.SIZE_MISMATCH,
              entry.localHeaderOffset(),
              subject,
              "Member "
                  + Untrusted.quote(entry.name())
                  + " has "
                  + contents.bytes().remaining()
                  + " bytes, not the "
                  + Long.toUnsignedString(entry.uncompressedSize())
                  + " it declares.");
        }
        yield contents.bytes();
      }
      case MemberData.Unreadable unreadable -> {
        incomplete();
        switch (unreadable.problem()) {
          // Already reported from the reader's anomalies.
          case ENCRYPTED, BAD_LOCAL_HEADER, OUT_OF_RANGE -> {}
          case LIMIT_EXCEEDED ->
              add(
                  ContainerRule.LIMIT_REACHED,
                  entry.localHeaderOffset(),
                  subject,
                  unreadable.message() + ".");
          case UNSUPPORTED_METHOD, CORRUPT_DATA ->
              add(
                  ContainerRule.UNREADABLE_MEMBER,
                  entry.localHeaderOffset(),
                  subject,
                  unreadable.message() + ".");
        }
        yield null;
      }
    };
  }

  /**
   * The first pickle in {@code data}, as a loader that calls {@code pickle.load} once reads it: the
   * bytes up to its STOP, or all of them when it does not end (the scan then reports where).
   */
  static ByteBuffer firstPickle(ByteBuffer data) {
    PickleProgram program = PickleReader.read(data, ONE_PICKLE);
    if (program.pickles() >= 1 && program.end() <= data.remaining()) {
      return data.slice(data.position(), (int) program.end());
    }
    return data.slice();
  }
}
