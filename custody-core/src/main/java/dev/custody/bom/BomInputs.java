package dev.custody.bom;

import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelConfig;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.model.Manifest;
import dev.custody.model.Serialization;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a BOM reports about one model; the writers add nothing that is not here.
 *
 * @param manifest the model's OMS manifest with file serialization (one digest per file)
 * @param card the model card's front matter ({@link ModelCard#EMPTY} when there is none)
 * @param config the model's {@code config.json} fields, or {@code null}
 * @param packages the Python packages the model needs (duplicates are merged by the writers)
 * @param provenance what attestations say about how it was made
 * @param evidence signature and attestation files
 * @param timestamp when the BOM was made, only if the caller asks for one
 * @param toolVersion custody's version, recorded as the tool that made the BOM
 */
public record BomInputs(
    Manifest manifest,
    ModelCard card,
    @Nullable ModelConfig config,
    List<PythonPackage> packages,
    List<ProvenanceFacts> provenance,
    List<EvidenceFile> evidence,
    @Nullable Instant timestamp,
    String toolVersion) {

  /** Copies the lists; the manifest must list whole files. */
  public BomInputs {
    if (!(manifest.serialization() instanceof Serialization.FileSerialization)) {
      throw new IllegalArgumentException(
          "a BOM lists every file's digest, so the manifest must use file serialization");
    }
    packages = List.copyOf(packages);
    provenance = List.copyOf(provenance);
    evidence = List.copyOf(evidence);
  }
}
