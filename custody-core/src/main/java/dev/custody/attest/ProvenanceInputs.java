package dev.custody.attest;

import dev.custody.attest.AttestationException.Kind;
import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.format.huggingface.MalformedMetadataException;
import dev.custody.format.huggingface.ModelConfig;
import dev.custody.format.huggingface.ModelConfigReader;
import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.format.requirements.DependencyFiles;
import dev.custody.format.requirements.MalformedRequirementsException;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.format.requirements.Requirements;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.provenance.DependencyKind;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.TrainingParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the facts of a training run from files: digests of datasets and base models, the code's
 * git commit, parameters, pinned Python packages, framework versions in the model's config, and
 * metrics and logs. Only what is found is recorded; what cannot be used is reported in {@link
 * #warnings()}, never guessed.
 */
public final class ProvenanceInputs {
  /** The largest parameters file read. */
  public static final int MAX_PARAMETERS_FILE = 1 << 20;

  /** The largest metrics file read; its content goes into the attestation. */
  public static final int MAX_METRICS_FILE = 1 << 20;

  private static final Pattern DIGEST_ARGUMENT = Pattern.compile("(?:(.+)=)?(sha256:[0-9a-f]{64})");
  private static final JsonLimits PARAMETER_LIMITS =
      new JsonLimits(MAX_PARAMETERS_FILE, 32, 100_000);

  private final DigestOptions options;
  private final List<String> warnings = new ArrayList<>();

  /** Inputs digested with {@code options} (the same options as the model). */
  public ProvenanceInputs(DigestOptions options) {
    this.options = options;
  }

  /** What could not be recorded, and why; in the order found. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * A dataset or base model from a command-line argument: {@code sha256:HEX} (optionally {@code
   * NAME=sha256:HEX}) is taken as given; anything else is a path, digested as a model is.
   */
  public ResolvedDependency input(DependencyKind kind, String argument)
      throws AttestationException {
    var digest = DIGEST_ARGUMENT.matcher(argument);
    if (digest.matches()) {
      return dependency(kind, digest.group(1), Digest.parse(digest.group(2)));
    }
    Path path = Path.of(argument);
    if (!Files.exists(path)) {
      throw new AttestationException(
          Kind.BAD_INPUT,
          "the "
              + kind.wireName()
              + " "
              + Untrusted.quote(argument)
              + " is neither a file or folder nor a digest (expected a path or sha256:HEX)",
          null);
    }
    Path name = path.toAbsolutePath().normalize().getFileName();
    return dependency(kind, name == null ? null : name.toString(), rootDigest(path));
  }

  private static ResolvedDependency dependency(
      DependencyKind kind, @Nullable String name, Digest digest) {
    return kind == DependencyKind.BASE_MODEL
        ? ResolvedDependency.baseModel(name, digest)
        : ResolvedDependency.dataset(name, digest);
  }

  /** The OMS root digest of a dataset or model folder or file. */
  public Digest rootDigest(Path path) throws AttestationException {
    return rootDigest(path, options);
  }

  /** The OMS root digest of a model folder or file, digested with {@code with}. */
  public static Digest rootDigest(Path path, DigestOptions with) throws AttestationException {
    try {
      return new ModelDigester(with).digest(path).rootDigest();
    } catch (DigestException e) {
      throw new AttestationException(Kind.OPERATIONAL, e.getMessage(), e);
    }
  }

  /**
   * The training code: a local git working folder (its checked-out commit and origin remote are
   * read), or {@code URI@REVISION}.
   */
  public ResolvedDependency code(String argument) throws AttestationException {
    Path folder = Path.of(argument);
    if (Files.isDirectory(folder)) {
      GitCheckout checkout =
          GitCheckout.of(folder)
              .orElseThrow(() ->
                  new AttestationException(
                      Kind.BAD_INPUT,
                      "the code folder "
                          + Untrusted.quote(argument)
                          + " is not a git checkout; pass --code URI@REVISION instead",
                      null));
      String uri =
          checkout.remote() != null
              ? checkout.remote()
              : folder.toAbsolutePath().normalize().toUri().toString();
      if (checkout.remote() == null) {
        warnings.add(
            "the code folder has no origin remote; its local path is recorded as the code URI");
      }
      return ResolvedDependency.code(uri, checkout.commit());
    }
    int at = argument.lastIndexOf('@');
    if (at <= 0 || at == argument.length() - 1) {
      throw new AttestationException(
          Kind.BAD_INPUT,
          "--code "
              + Untrusted.quote(argument)
              + " is not a folder and not URI@REVISION (e.g."
              + " https://github.com/org/train@3f2c...)",
          null);
    }
    String revision = argument.substring(at + 1);
    ResolvedDependency code = ResolvedDependency.code(argument.substring(0, at), revision);
    if (code.resource().digest().isEmpty()) {
      warnings.add(
          "the code revision "
              + Untrusted.quote(revision)
              + " is a name, not a commit id; it is recorded without a gitCommit digest");
    }
    return code;
  }

  /**
   * Parameters from {@code KEY=VALUE} arguments and a JSON parameters file; an argument overrides
   * the file's value of the same name. Nested objects and arrays become dotted names ({@code
   * optimizer.lr}, {@code layers.0}).
   */
  public TrainingParameters parameters(List<String> arguments, @Nullable Path file)
      throws AttestationException {
    SortedMap<String, ParameterValue> values = new TreeMap<>();
    ResourceDescriptor source = null;
    if (file != null) {
      byte[] bytes = read(file, MAX_PARAMETERS_FILE, "parameters file");
      JsonValue root;
      try {
        root = JsonReader.read(bytes, PARAMETER_LIMITS);
      } catch (MalformedJsonException e) {
        throw new AttestationException(
            Kind.BAD_INPUT,
            "the parameters file "
                + Untrusted.quote(file.toString())
                + " is not valid JSON: "
                + e.getMessage(),
            e);
      }
      if (!(root instanceof JsonValue.JsonObject)) {
        throw new AttestationException(
            Kind.BAD_INPUT,
            "the parameters file holds " + root.kind() + " (expected a JSON object of parameters)",
            null);
      }
      flatten("", root, values);
      source = ResourceDescriptor.named(fileName(file), Attestation.sha256(bytes));
    }
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      if (equals <= 0) {
        throw new AttestationException(
            Kind.BAD_INPUT, "--param " + Untrusted.quote(argument) + " is not KEY=VALUE", null);
      }
      values.put(
          argument.substring(0, equals), new ParameterValue.Text(argument.substring(equals + 1)));
    }
    try {
      return new TrainingParameters(values, source);
    } catch (IllegalArgumentException e) {
      throw new AttestationException(Kind.BAD_INPUT, String.valueOf(e.getMessage()), e);
    }
  }

  private void flatten(String prefix, JsonValue value, Map<String, ParameterValue> out) {
    switch (value) {
      case JsonValue.JsonObject object ->
          object.members().forEach((name, member) -> flatten(join(prefix, name), member, out));
      case JsonValue.JsonArray array -> {
        for (int i = 0; i < array.items().size(); i++) {
          flatten(join(prefix, String.valueOf(i)), array.items().get(i), out);
        }
      }
      case JsonValue.JsonString text -> out.put(prefix, new ParameterValue.Text(text.value()));
      case JsonValue.JsonNumber number ->
          out.put(prefix, new ParameterValue.Decimal(number.value()));
      case JsonValue.JsonBoolean flag -> out.put(prefix, new ParameterValue.Flag(flag.value()));
      case JsonValue.JsonNull none ->
          warnings.add("parameter " + Untrusted.quote(prefix) + " is null and is not recorded");
    }
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  /**
   * Pinned packages from a requirements, {@code pip freeze} or lock file ({@code poetry.lock},
   * {@code uv.lock}, {@code pylock.toml}), as package URLs.
   */
  public List<ResolvedDependency> requirements(Path file) throws AttestationException {
    String name = String.valueOf(file.getFileName());
    Requirements requirements;
    try {
      requirements =
          DependencyFiles.read(
              name, read(file, DependencyFiles.maxBytes(name), "requirements file"));
    } catch (MalformedRequirementsException e) {
      throw new AttestationException(
          Kind.BAD_INPUT,
          "the requirements file " + Untrusted.quote(file.toString()) + ": " + e.getMessage(),
          e);
    }
    List<ResolvedDependency> packages = new ArrayList<>();
    List<String> unpinned = new ArrayList<>();
    for (PythonPackage python : requirements.packages()) {
      if (python.version() == null) {
        unpinned.add(python.name());
      } else {
        packages.add(ResolvedDependency.pythonPackage(python.purl()));
      }
    }
    if (!unpinned.isEmpty()) {
      warnings.add(
          unpinned.size()
              + " requirement(s) without an exact version are not recorded ("
              + Untrusted.escape(
                  String.join(", ", unpinned.subList(0, Math.min(5, unpinned.size()))))
              + (unpinned.size() > 5 ? ", ..." : "")
              + "); record the environment with 'pip freeze' for exact versions");
    }
    for (Requirements.Skipped skipped : requirements.skipped()) {
      warnings.add("requirements line " + skipped.line() + " is not recorded: " + skipped.reason());
    }
    return packages;
  }

  /**
   * Facts from the model's own {@code config.json}, when the model is a folder that has one: {@code
   * model_type}, {@code torch_dtype} and {@code transformers_version} as found, the last also as a
   * framework dependency. A config that cannot be read is reported and nothing is taken from it.
   */
  public ModelFacts modelFacts(Path model) throws AttestationException {
    Path config = model.resolve("config.json");
    if (!Files.isDirectory(model) || !Files.isRegularFile(config)) {
      return ModelFacts.NONE;
    }
    ModelConfig read;
    try {
      read =
          ModelConfigReader.read(read(config, ModelConfigReader.LIMITS.maxBytes(), "config.json"));
    } catch (MalformedMetadataException | AttestationException e) {
      warnings.add("nothing is recorded from the model's config.json: " + e.getMessage());
      return ModelFacts.NONE;
    }
    SortedMap<String, String> fields = new TreeMap<>();
    putIfPresent(fields, "model_type", read.modelType());
    putIfPresent(fields, "torch_dtype", read.torchDtype());
    putIfPresent(fields, "transformers_version", read.transformersVersion());
    List<ResolvedDependency> frameworks = new ArrayList<>();
    if (read.transformersVersion() != null) {
      try {
        frameworks.add(
            ResolvedDependency.framework(
                new PythonPackage("transformers", read.transformersVersion(), "").purl(),
                "config.json transformers_version"));
      } catch (IllegalArgumentException e) {
        warnings.add(
            "config.json transformers_version is not a version and is not recorded as a"
                + " framework: "
                + e.getMessage());
      }
    }
    return new ModelFacts(fields, frameworks);
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  /** A metrics file as a byproduct: its name, digest and content. */
  public ResourceDescriptor metrics(Path file) throws AttestationException {
    byte[] bytes = read(file, MAX_METRICS_FILE, "metrics file");
    String name = fileName(file);
    String mediaType = name.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : null;
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(DependencyKind.ANNOTATION, "metrics");
    return new ResourceDescriptor(
        name,
        null,
        ResourceDescriptor.digests("sha256", Attestation.sha256(bytes).hex()),
        Bytes.copyOf(bytes),
        null,
        mediaType,
        annotations);
  }

  /** A log file as a byproduct: its name and digest (logs can be large; the content stays out). */
  public ResourceDescriptor log(Path file) throws AttestationException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw unreadable(file, "log file", e);
    }
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(DependencyKind.ANNOTATION, "log");
    return new ResourceDescriptor(
        fileName(file),
        null,
        ResourceDescriptor.digests(
            "sha256", Digest.of(HashAlgorithm.SHA256, sha256.digest()).hex()),
        null,
        null,
        null,
        annotations);
  }

  private static String fileName(Path file) {
    Path name = file.toAbsolutePath().normalize().getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private static byte[] read(Path file, int limit, String what) throws AttestationException {
    try {
      return BoundedFiles.read(file, limit);
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
  }

  private static AttestationException unreadable(Path file, String what, IOException e) {
    return new AttestationException(
        Kind.BAD_INPUT,
        "the "
            + what
            + " "
            + Untrusted.quote(file.toString())
            + (e instanceof NoSuchFileException
                ? " does not exist"
                : " cannot be read (" + e + ")"),
        e);
  }

  /**
   * What the model's config says about how it was made.
   *
   * @param config the fields found, for {@code internalParameters.modelConfig}
   * @param frameworks framework versions as dependencies
   */
  public record ModelFacts(SortedMap<String, String> config, List<ResolvedDependency> frameworks) {
    static final ModelFacts NONE = new ModelFacts(new TreeMap<>(), List.of());

    /** Copies the fields. */
    public ModelFacts {
      config = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(config));
      frameworks = List.copyOf(frameworks);
    }
  }
}
