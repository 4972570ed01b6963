package dev.custody.gather;

import dev.custody.bom.Licences;
import dev.custody.evidence.BomEvidence;
import dev.custody.evidence.DependencyEvidence;
import dev.custody.format.huggingface.MalformedMetadataException;
import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelCardLimits;
import dev.custody.format.huggingface.ModelCardReader;
import dev.custody.format.requirements.DependencyFiles;
import dev.custody.format.requirements.MalformedRequirementsException;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bill-of-materials facts from the files the AI-BOM is made from: the model card's front matter
 * (licences, as SPDX) and dependency files (Python packages with package URLs: {@code
 * requirements.txt}, {@code poetry.lock}, {@code uv.lock}, {@code pylock.toml}). By default these
 * are the files of those names inside a model folder, the same files {@code custody bom} reads,
 * through the same hardened readers. A card or requirement file that a reader refuses stops the
 * gathering: the facts it would give are unknown, and guessing would let a licence rule pass on
 * nothing.
 */
public final class BomFiles implements BomSource {
  private final Optional<Path> card;
  private final List<Path> requirements;

  private BomFiles(Optional<Path> card, List<Path> requirements) {
    this.card = card;
    this.requirements = List.copyOf(requirements);
  }

  /** {@code README.md} and the dependency files inside the model folder, when they exist. */
  public static BomFiles inModel() {
    return new BomFiles(Optional.empty(), List.of());
  }

  /**
   * These files in place of the ones inside the model folder: {@code card} when present, each
   * requirement file when the list is not empty.
   */
  public static BomFiles of(Optional<Path> card, List<Path> requirements) {
    return new BomFiles(card, requirements);
  }

  @Override
  public BomEvidence bom(Path model, Digest rootDigest) throws GatherException {
    Optional<Path> cardFile = card.or(() -> cardIn(model));
    List<Path> requirementFiles = requirements.isEmpty() ? dependencyFilesIn(model) : requirements;
    ModelCard read = cardFile.isPresent() ? card(cardFile.orElseThrow()) : ModelCard.EMPTY;
    List<DependencyEvidence> dependencies = dependencies(requirementFiles);
    if (read.equals(ModelCard.EMPTY) && dependencies.isEmpty()) {
      return BomEvidence.absent();
    }
    Set<String> licences = new LinkedHashSet<>();
    read.licenses().forEach(name -> licences.add(Licences.spdxExpression(name)));
    return new BomEvidence(true, List.copyOf(licences), dependencies);
  }

  /** The model card of a model folder ({@code README.md}), when it has one of its own. */
  public static Optional<Path> cardIn(Path model) {
    return inside(model, "README.md");
  }

  /** The dependency files of a model folder ({@link DependencyFiles#CONVENTIONAL}), in order. */
  public static List<Path> dependencyFilesIn(Path model) {
    List<Path> files = new ArrayList<>();
    for (String name : DependencyFiles.CONVENTIONAL) {
      inside(model, name).ifPresent(files::add);
    }
    return files;
  }

  private static Optional<Path> inside(Path model, String name) {
    if (!Files.isDirectory(model, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path file = model.resolve(name);
    // A link could point anywhere; only the model's own files describe it.
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(file)
        : Optional.empty();
  }

  private static ModelCard card(Path file) throws GatherException {
    try {
      return ModelCardReader.read(
          read(file, ModelCardLimits.DEFAULT.maxBytes()), ModelCardLimits.DEFAULT);
    } catch (MalformedMetadataException e) {
      throw refused(file, "model card", e);
    }
  }

  private static List<DependencyEvidence> dependencies(List<Path> files) throws GatherException {
    Map<String, DependencyEvidence> byPurl = new LinkedHashMap<>();
    for (Path file : files) {
      String name = String.valueOf(file.getFileName());
      List<PythonPackage> packages;
      try {
        packages =
            DependencyFiles.read(name, read(file, DependencyFiles.maxBytes(name))).packages();
      } catch (MalformedRequirementsException e) {
        throw refused(file, "dependency file", e);
      }
      for (PythonPackage pkg : packages) {
        String version = pkg.version();
        byPurl.putIfAbsent(
            pkg.purl(),
            new DependencyEvidence(pkg.name(), version == null ? "" : version, pkg.purl()));
      }
    }
    return new ArrayList<>(byPurl.values());
  }

  private static byte[] read(Path file, int maxBytes) throws GatherException {
    try {
      return BoundedFiles.read(file, maxBytes);
    } catch (IOException e) {
      throw new GatherException(
          GatherException.Reason.UNREADABLE,
          "cannot read " + Untrusted.quote(file.toString()) + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static GatherException refused(Path file, String what, Exception e) {
    return new GatherException(
        GatherException.Reason.UNREADABLE,
        "the "
            + what
            + " "
            + Untrusted.quote(file.toString())
            + " was refused: "
            + e.getMessage()
            + "; fix it, or move it out of the model folder",
        e);
  }
}
