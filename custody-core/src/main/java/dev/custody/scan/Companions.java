package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.internal.Untrusted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the files a scanned model names beside itself, once every file of the scan has a report.
 * Today that is an ONNX model's external data: a loader reads those files into tensors, so a plain
 * data file is part of the model (clean, however large, although no format is detected in it), and
 * a symlink is a way to read any file on the machine (ONNX-009), whatever the location's text says.
 * A file that is shorter than the byte ranges the model names in it is ONNX-010 (loaders read short
 * or refuse), and one with more than one hard link is ONNX-011: its other names may lie outside the
 * folder, where a link cannot be seen from here. Files the scan did not reach (outside the paths
 * given) are left alone: the model's own report already names them.
 */
final class Companions {
  private final RuleBook rules;

  Companions(RuleBook rules) {
    this.rules = rules;
  }

  List<FileReport> judge(List<Scanned> scanned) {
    Map<Path, Integer> index = new HashMap<>();
    List<FileReport> reports = new ArrayList<>(scanned.size());
    for (Scanned s : scanned) {
      index.put(s.report().path(), reports.size());
      reports.add(s.report());
    }
    for (int i = 0; i < scanned.size(); i++) {
      Scanned s = scanned.get(i);
      if (s.report().format() == ModelFormat.ONNX && !s.companions().isEmpty()) {
        onnx(i, s, index, reports);
      }
    }
    return reports;
  }

  private void onnx(int self, Scanned model, Map<Path, Integer> index, List<FileReport> reports) {
    Path path = model.report().path();
    Path folder = path.getParent() == null ? Path.of("") : path.getParent();
    List<Finding> added = new ArrayList<>();
    for (Companion companion : model.companions()) {
      String location = companion.location();
      Path file;
      try {
        file = folder.resolve(location).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        continue; // a name this file system cannot hold: no loader here can open it either
      }
      Integer at = index.get(file);
      if (at == null) {
        continue;
      }
      FileReport data = reports.get(at);
      if (data.format() == ModelFormat.SYMLINK) {
        added.add(symlinked(location, file));
        continue;
      }
      if (isUnrecognisedData(data)) {
        reports.set(at, asTensorData(data, path));
      }
      FileFacts.of(file).ifPresent(facts -> added.addAll(judge(companion, file, facts)));
    }
    if (!added.isEmpty()) {
      FileReport r = reports.get(self);
      List<Finding> findings = new ArrayList<>(added);
      findings.addAll(r.findings());
      findings.sort(java.util.Comparator.comparing(Finding::severity));
      reports.set(
          self,
          FileReport.of(r.path(), r.format(), findings, r.completed(), r.note(), r.duration()));
    }
  }

  /** Bytes of no format, not scanned only for that reason: what raw tensor data looks like. */
  private static boolean isUnrecognisedData(FileReport data) {
    return data.format() == ModelFormat.UNKNOWN_BINARY
        && data.findings().isEmpty()
        && !data.completed();
  }

  private static FileReport asTensorData(FileReport data, Path model) {
    return FileReport.of(
        data.path(),
        ModelFormat.ONNX_EXTERNAL_DATA,
        List.of(),
        true,
        "raw tensor data that "
            + Untrusted.quote(model.toString())
            + " names as external data; read into tensors, never executed",
        data.duration());
  }

  /** The size and link count of a regular file, read without following a link. */
  private record FileFacts(long size, int links) {
    static java.util.Optional<FileFacts> of(Path file) {
      try {
        long size =
            java.nio.file.Files.readAttributes(
                    file,
                    java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)
                .size();
        int links = 1;
        try {
          Object n =
              java.nio.file.Files.getAttribute(
                  file, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS);
          links = n instanceof Integer i ? i : 1;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
          // No unix view (Windows): the link count is unknown, so nothing is claimed about it.
        }
        return java.util.Optional.of(new FileFacts(size, links));
      } catch (java.io.IOException e) {
        return java.util.Optional.empty(); // gone since it was scanned; its own report says so
      }
    }
  }

  private List<Finding> judge(Companion companion, Path file, FileFacts facts) {
    List<Finding> found = new ArrayList<>(2);
    String location = companion.location();
    if (companion.requiredBytes() > facts.size()) {
      found.add(
          rules
              .rule(FormatRule.ONNX_EXTERNAL_RANGE.id())
              .finding(
                  Location.at(0),
                  Untrusted.escape(location),
                  "Tensor "
                      + Untrusted.quote(companion.tensor())
                      + " reads up to byte "
                      + companion.requiredBytes()
                      + " of "
                      + Untrusted.quote(location)
                      + ", which is "
                      + facts.size()
                      + " bytes long."));
    }
    if (facts.links() > 1) {
      found.add(
          rules
              .rule(FormatRule.ONNX_EXTERNAL_HARD_LINK.id())
              .finding(
                  Location.at(0),
                  Untrusted.escape(location),
                  "External data location "
                      + Untrusted.quote(location)
                      + " is "
                      + Untrusted.quote(file.toString())
                      + ", a file with "
                      + facts.links()
                      + " hard links; its other names are not visible from the model folder."));
    }
    return found;
  }

  private Finding symlinked(String location, Path file) {
    return rules
        .rule(FormatRule.ONNX_EXTERNAL_SYMLINK.id())
        .finding(
            Location.at(0),
            Untrusted.escape(location),
            "External data location "
                + Untrusted.quote(location)
                + " is "
                + Untrusted.quote(file.toString())
                + ", a symbolic link; the loader reads whatever it points at.");
  }
}
