package dev.custody.cli;

import dev.custody.bom.EvidenceFile;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Signature and attestation files, hashed for the BOM's references (read once, bounded). */
final class EvidenceFiles {
  private EvidenceFiles() {}

  static EvidenceFile read(EvidenceFile.Kind kind, Path path, int maxBytes) {
    return of(kind, path, BomSources.read(path, maxBytes));
  }

  /** The reference to {@code path}, whose bytes the caller already read. */
  static EvidenceFile of(EvidenceFile.Kind kind, Path path, byte[] bytes) {
    Path name = path.getFileName();
    try {
      return new EvidenceFile(
          kind,
          name == null ? path.toString() : name.toString(),
          Digest.of(HashAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256, which every Java SE JDK must", e);
    }
  }
}
