package dev.custody.gather;

import dev.custody.evidence.FindingEvidence;
import dev.custody.evidence.ScanEvidence;
import dev.custody.evidence.ScannedFileEvidence;
import dev.custody.finding.Finding;
import dev.custody.scan.FileReport;
import dev.custody.scan.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a scan report into scan evidence, with model-relative paths. */
final class ScanFacts {
  private ScanFacts() {}

  static ScanEvidence of(Path model, ScanReport report) {
    List<ScannedFileEvidence> files = new ArrayList<>();
    List<FindingEvidence> findings = new ArrayList<>();
    for (FileReport file : report.files()) {
      String path = relative(model, file.path());
      files.add(
          new ScannedFileEvidence(
              path,
              file.format().label(),
              file.verdict().label(),
              file.completed(),
              SignerFacts.cut(file.note())));
      for (Finding finding : file.findings()) {
        findings.add(
            new FindingEvidence(
                finding.rule(),
                finding.severity(),
                path,
                SignerFacts.cut(finding.location().toString()),
                SignerFacts.cut(finding.title()),
                SignerFacts.cut(finding.subject())));
      }
    }
    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    return new ScanEvidence(report.completed(), files, findings);
  }

  /** {@code a/b.bin} inside a folder model; the file's name for a single-file model. */
  private static String relative(Path model, Path file) {
    Path base = Files.isDirectory(model) ? model.normalize() : null;
    Path relative = base == null ? file.getFileName() : base.relativize(file.normalize());
    String text =
        relative == null || relative.toString().isEmpty() ? file.toString() : relative.toString();
    return text.replace(file.getFileSystem().getSeparator(), "/");
  }
}
