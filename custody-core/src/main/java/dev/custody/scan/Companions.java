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
 * Files the scan did not reach (outside the paths given) are left alone: the model's own report
 * already names them.
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
    for (String location : model.companions()) {
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
      } else if (isUnrecognisedData(data)) {
        reports.set(at, asTensorData(data, path));
      }
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
