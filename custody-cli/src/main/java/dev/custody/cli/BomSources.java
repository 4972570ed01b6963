package dev.custody.cli;

import dev.custody.format.huggingface.MalformedMetadataException;
import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelCardLimits;
import dev.custody.format.huggingface.ModelCardReader;
import dev.custody.format.huggingface.ModelConfig;
import dev.custody.format.huggingface.ModelConfigReader;
import dev.custody.format.requirements.DependencyFiles;
import dev.custody.format.requirements.LockFileReader;
import dev.custody.format.requirements.MalformedRequirementsException;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.format.requirements.Requirements;
import dev.custody.gather.BomFiles;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The files {@code custody bom} reads besides the model: given ones, else the conventional names
 * inside the model folder. Each is read bounded and parsed by its hardened reader; a bad one stops
 * the BOM (exit 3) with the file's name and the reader's reason.
 */
final class BomSources {
  private final Path model;
  private final @Nullable Path card;
  private final @Nullable Path config;
  private final List<Path> requirements;
  private final Path signature;
  private final boolean hasSignature;

  private BomSources(
      Path model,
      @Nullable Path card,
      @Nullable Path config,
      List<Path> requirements,
      Path signature,
      boolean hasSignature) {
    this.model = model;
    this.card = card;
    this.config = config;
    this.requirements = List.copyOf(requirements);
    this.signature = signature;
    this.hasSignature = hasSignature;
  }

  static BomSources of(
      Path model,
      List<Path> requirements,
      @Nullable Path modelCard,
      @Nullable Path signature,
      List<Path> attestations) {
    boolean folder = Files.isDirectory(model, LinkOption.NOFOLLOW_LINKS);
    for (Path given : requirements) {
      mustExist("--requirements", given);
    }
    for (Path given : attestations) {
      mustExist("--attestation", given);
    }
    if (modelCard != null) {
      mustExist("--model-card", modelCard);
    }
    if (signature != null) {
      mustExist("--signature", signature);
    }
    List<Path> requirementFiles = new ArrayList<>(requirements);
    if (requirementFiles.isEmpty()) {
      requirementFiles.addAll(BomFiles.dependencyFilesIn(model));
    }
    Path card = modelCard != null ? modelCard : BomFiles.cardIn(model).orElse(null);
    Path sig = signature != null ? signature : DefaultSignature.of(model);
    return new BomSources(
        model,
        card,
        conventional(model, folder, "config.json"),
        requirementFiles,
        sig,
        isFile(sig));
  }

  private static @Nullable Path conventional(Path model, boolean folder, String name) {
    Path candidate = model.resolve(name);
    return folder && isFile(candidate) ? candidate : null;
  }

  private static boolean isFile(Path path) {
    return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static void mustExist(String option, Path path) {
    if (!Files.isRegularFile(path)) {
      throw CliFailure.usage(
          option + " " + Untrusted.quote(path.toString()) + " is not a file; check the path");
    }
  }

  Path signaturePath() {
    return signature;
  }

  boolean hasSignature() {
    return hasSignature;
  }

  /** Whether the signature sits inside the model folder, so the digest must leave it out. */
  boolean signatureInsideModel() {
    return hasSignature
        && Files.isDirectory(model)
        && signature.toAbsolutePath().normalize().startsWith(model.toAbsolutePath().normalize());
  }

  ModelCard card() {
    Path path = card;
    if (path == null) {
      return ModelCard.EMPTY;
    }
    byte[] bytes = read(path, ModelCardLimits.DEFAULT.maxBytes());
    try {
      return ModelCardReader.read(bytes, ModelCardLimits.DEFAULT);
    } catch (MalformedMetadataException e) {
      throw refused(path, e.getMessage(), e);
    }
  }

  @Nullable ModelConfig config() {
    Path path = config;
    if (path == null) {
      return null;
    }
    try {
      return ModelConfigReader.read(read(path, ModelConfigReader.LIMITS.maxBytes()));
    } catch (MalformedMetadataException e) {
      throw refused(path, e.getMessage(), e);
    }
  }

  /** Every requirement file's packages; skipped lines go to {@code warnings}. */
  List<PythonPackage> packages(Consumer<String> warnings) {
    List<PythonPackage> packages = new ArrayList<>();
    for (Path path : requirements) {
      String name = String.valueOf(path.getFileName());
      Requirements read;
      try {
        read = DependencyFiles.read(name, read(path, DependencyFiles.maxBytes(name)));
      } catch (MalformedRequirementsException e) {
        throw refused(path, e.getMessage(), e);
      }
      packages.addAll(read.packages());
      for (Requirements.Skipped skipped : read.skipped()) {
        warnings.accept(
            Untrusted.quote(path.toString())
                + (LockFileReader.isLockFile(name) ? " package entry " : " line ")
                + skipped.line()
                + " left out of the BOM: "
                + skipped.reason());
      }
    }
    return packages;
  }

  static byte[] read(Path path, int maxBytes) {
    try {
      return BoundedFiles.read(path, maxBytes);
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "could not read " + Untrusted.quote(path.toString()) + ": " + e.getMessage(),
          e);
    }
  }

  private static CliFailure refused(Path path, @Nullable String reason, Exception cause) {
    return new CliFailure(
        ExitCode.OPERATIONAL, Untrusted.quote(path.toString()) + " was refused: " + reason, cause);
  }
}
