package dev.custody.cli;

import dev.custody.bom.AiBom;
import dev.custody.bom.BomException;
import dev.custody.bom.BomInputs;
import dev.custody.bom.EvidenceFile;
import dev.custody.bom.ProvenanceFacts;
import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.MalformedBundleException;
import dev.custody.format.oms.ProvenanceReader;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.Manifest;
import dev.custody.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody bom}: the AI bill of materials of a model, CycloneDX 1.6 or SPDX 3.0.1. */
@Command(
    name = "bom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Write a model's AI bill of materials (CycloneDX or SPDX).",
    description = {
      "Hashes every file of MODEL (as custody digest does) and writes a BOM naming the model by"
          + " its root digest, each file with its hash, what the Hugging Face model card"
          + " (README.md front matter) and config.json say, the Python packages of the"
          + " requirements files, and the signature and attestation files with their digests."
          + " Nothing is invented: a field nobody wrote stays out.",
      "Inside a MODEL folder, README.md, config.json, requirements.txt, poetry.lock, uv.lock,"
          + " pylock.toml and model.sig are used"
          + " when present and no option names another. The CycloneDX BOM is checked against the"
          + " 1.6 schema before it is written. The same inputs give the same bytes: the serial"
          + " number derives from the content, and the only clock is --timestamp.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody bom my-model --output my-model.cdx.json",
      "  custody bom my-model --requirements freeze.txt --format spdx3 --timestamp now",
      "  custody bom model.onnx --model-card README.md --attestation model.att.json"
    })
final class BomCommand implements Callable<Integer> {
  /** Signature and attestation files are read whole to hash them; the sign/verify limit. */
  private static final int MAX_EVIDENCE_BYTES = 32 << 20;

  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Option(
      names = "--requirements",
      paramLabel = "FILE",
      description =
          "A requirements.txt, pip freeze output, poetry.lock, uv.lock or pylock.toml listing the"
              + " Python packages the model needs (lock files are known by name). Repeatable."
              + " Default: those of these names inside MODEL.")
  List<Path> requirements = new ArrayList<>();

  @Option(
      names = "--model-card",
      paramLabel = "FILE",
      description = "The Hugging Face model card (README.md). Default: MODEL/README.md if present.")
  @Nullable Path modelCard;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description =
          "The model's signature file, listed with its digest. Default: MODEL/model.sig (or"
              + " MODEL.sig beside a file) if present; it is left out of the model's hash.")
  @Nullable Path signature;

  @Option(
      names = "--attestation",
      paramLabel = "FILE",
      description =
          "A provenance attestation of this model (custody attest), listed with its digest; its"
              + " training run (builder, code, datasets, base models, parameters) becomes the"
              + " BOM's formulation. Not verified here: use custody verify-attestation."
              + " Repeatable.")
  List<Path> attestations = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "cyclonedx (default: CycloneDX 1.6 JSON) or spdx3 (SPDX 3.0.1 JSON-LD).")
  BomFormatOption format = BomFormatOption.cyclonedx;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the BOM here instead of to standard output.")
  @Nullable Path output;

  @Option(
      names = "--timestamp",
      paramLabel = "TIME",
      description =
          "Record when the BOM was made: an ISO-8601 instant (2026-01-31T12:00:00Z) or 'now'."
              + " Without it the BOM has no time (SPDX, which requires one, gets 1970-01-01).")
  @Nullable String timestamp;

  @Mixin HashingOptions hashing = new HashingOptions();

  @Override
  public Integer call() {
    ModelArgument.existing(model);
    if (hashing.shardSize != null) {
      throw CliFailure.usage(
          "--shard-size does not fit a BOM, which lists each file's own digest; leave it out");
    }
    Instant time = timestamp();
    BomSources sources = BomSources.of(model, requirements, modelCard, signature, attestations);
    if (sources.signatureInsideModel()) {
      hashing.ignorePaths.add(sources.signaturePath().toString());
    }
    List<AttestationFile> attested = readAttestations();
    Manifest manifest = digest(hashing.toDigestOptions(model));
    BomInputs inputs =
        new BomInputs(
            manifest,
            sources.card(),
            sources.config(),
            sources.packages(this::warn),
            provenance(manifest, attested),
            evidence(sources, attested),
            time,
            VersionProvider.version());
    byte[] bom;
    try {
      bom = AiBom.write(inputs, format.format);
    } catch (BomException e) {
      throw new CliFailure(ExitCode.OPERATIONAL, String.valueOf(e.getMessage()), e);
    }
    write(bom);
    return ExitCode.OK;
  }

  private @Nullable Instant timestamp() {
    if (timestamp == null) {
      return null;
    }
    if (timestamp.equals("now")) {
      return Instant.now();
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw CliFailure.usage(
          "--timestamp "
              + dev.custody.internal.Untrusted.quote(timestamp)
              + " is not an ISO-8601 instant; write it like 2026-01-31T12:00:00Z, or say now");
    }
  }

  private Manifest digest(DigestOptions options) {
    try (ProgressListener progress = new ProgressListener(parent.terminal(), "bom")) {
      return new ModelDigester(options).digest(model, progress);
    } catch (DigestException e) {
      throw new CliFailure(DigestCommand.exitCode(e), e.getMessage(), e);
    }
  }

  /**
   * The training runs the attestations record, each of which must be about this model. They are not
   * verified here (no trust source is given): {@code custody verify-attestation} does that, and the
   * BOM lists each attestation's digest so a reader can.
   */
  private static List<ProvenanceFacts> provenance(
      Manifest manifest, List<AttestationFile> attested) {
    List<ProvenanceFacts> facts = new ArrayList<>();
    for (AttestationFile attestation : attested) {
      Path file = attestation.path;
      byte[] bytes = attestation.bytes;
      Provenance provenance;
      try {
        Bundle bundle = BundleReader.read(bytes);
        provenance = ProvenanceReader.read(bundle.envelope().payload().toByteArray());
      } catch (MalformedBundleException e) {
        throw new CliFailure(
            ExitCode.OPERATIONAL,
            "attestation "
                + Untrusted.quote(file.toString())
                + " cannot be read: "
                + String.valueOf(e.getMessage())
                + "; expected a provenance attestation written by custody attest",
            e);
      }
      Digest subject = provenance.subject().digest();
      if (!subject.equals(manifest.rootDigest())) {
        throw new CliFailure(
            ExitCode.OPERATIONAL,
            "attestation "
                + Untrusted.quote(file.toString())
                + " is about "
                + subject
                + ", not this model ("
                + manifest.rootDigest()
                + "); give the attestation of this model, hashed the same way",
            null);
      }
      facts.add(ProvenanceFacts.of(provenance));
    }
    return facts;
  }

  /** An attestation file read once: its provenance and its digest come from the same bytes. */
  private static final class AttestationFile {
    final Path path;
    final byte[] bytes;

    AttestationFile(Path path, byte[] bytes) {
      this.path = path;
      this.bytes = bytes;
    }
  }

  private List<AttestationFile> readAttestations() {
    List<AttestationFile> read = new ArrayList<>();
    for (Path file : attestations) {
      read.add(new AttestationFile(file, BomSources.read(file, MAX_EVIDENCE_BYTES)));
    }
    return read;
  }

  private static List<EvidenceFile> evidence(BomSources sources, List<AttestationFile> attested) {
    List<EvidenceFile> files = new ArrayList<>();
    Path sig = sources.signaturePath();
    if (sources.hasSignature()) {
      files.add(EvidenceFiles.read(EvidenceFile.Kind.SIGNATURE, sig, MAX_EVIDENCE_BYTES));
    }
    for (AttestationFile attestation : attested) {
      files.add(
          EvidenceFiles.of(EvidenceFile.Kind.ATTESTATION, attestation.path, attestation.bytes));
    }
    return files;
  }

  private void warn(String message) {
    spec.commandLine().getErr().println("custody bom: warning: " + message);
  }

  private void write(byte[] bom) {
    Path target = output;
    if (target == null) {
      spec.commandLine().getOut().print(new String(bom, java.nio.charset.StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
      return;
    }
    try {
      Files.write(target, bom);
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "could not write the BOM to "
              + dev.custody.internal.Untrusted.quote(target.toString())
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
