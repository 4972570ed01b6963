package dev.custody.scan;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@link FormatScanner} reads which {@link ModelFormat}. A format with no scanner is reported
 * as not scanned (incomplete), unless it is {@linkplain ModelFormat#isInert() inert}. Immutable.
 */
public final class FormatRegistry {
  private static final FormatRegistry STANDARD = buildStandard();

  private final Map<ModelFormat, FormatScanner> scanners;

  private FormatRegistry(Map<ModelFormat, FormatScanner> scanners) {
    this.scanners = java.util.Collections.unmodifiableMap(new EnumMap<>(scanners));
  }

  /** Every scanner custody ships. */
  public static FormatRegistry standard() {
    return STANDARD;
  }

  /** No scanner at all (every non-inert file is incomplete); a start for custom registries. */
  public static FormatRegistry empty() {
    return new FormatRegistry(new EnumMap<>(ModelFormat.class));
  }

  private static FormatRegistry buildStandard() {
    Map<ModelFormat, FormatScanner> m = new EnumMap<>(ModelFormat.class);
    // One line per format scanner; keep in format order.
    // Joblib's reader covers plain pickles too, and also skips the raw array bytes joblib writes.
    JoblibScanner joblib = JoblibScanner.standard();
    LegacyTorchScanner legacyTorch = LegacyTorchScanner.standard();
    m.put(
        ModelFormat.PICKLE,
        (bytes, nested) ->
            LegacyTorchScanner.matches(bytes) ? legacyTorch.scan(bytes) : joblib.scan(bytes));
    ZipScanner zips = ZipScanner.standard();
    m.put(ModelFormat.PYTORCH_ZIP, zips::scanAny);
    m.put(ModelFormat.ZIP, zips::scanAny);
    NpyScanner arrays = NpyScanner.standard();
    m.put(ModelFormat.NUMPY, (bytes, nested) -> arrays.scan(bytes));
    SafetensorsScanner safetensors = SafetensorsScanner.standard();
    m.put(ModelFormat.SAFETENSORS, (bytes, nested) -> safetensors.scan(bytes));
    GgufScanner gguf = GgufScanner.standard();
    m.put(ModelFormat.GGUF, (bytes, nested) -> gguf.scan(bytes));
    OnnxScanner onnx = OnnxScanner.standard();
    m.put(ModelFormat.ONNX, (bytes, nested) -> onnx.scan(bytes));
    SavedModelScanner savedModel = SavedModelScanner.standard();
    m.put(ModelFormat.SAVED_MODEL, (bytes, nested) -> savedModel.scan(bytes));
    KerasMetadataScanner kerasMetadata = KerasMetadataScanner.standard();
    m.put(ModelFormat.KERAS_METADATA, (bytes, nested) -> kerasMetadata.scan(bytes));
    ChatTemplateScanner templates = ChatTemplateScanner.standard();
    m.put(ModelFormat.CHAT_TEMPLATE_JSON, (bytes, nested) -> templates.scanJson(bytes));
    m.put(ModelFormat.JINJA_TEMPLATE, (bytes, nested) -> templates.scanTemplate(bytes));
    ArchiveScanner archives = ArchiveScanner.standard();
    m.put(ModelFormat.TAR, archives::scan);
    CompressedScanner compressed = CompressedScanner.standard();
    m.put(ModelFormat.GZIP, compressed::scan);
    m.put(ModelFormat.XZ, compressed::scan);
    m.put(ModelFormat.BZIP2, compressed::scan);
    m.put(ModelFormat.ZSTD, compressed::scan);
    m.put(ModelFormat.ZLIB, compressed::scan);
    m.put(ModelFormat.SEVEN_ZIP, archives::scan);
    return new FormatRegistry(m);
  }

  /** A pickle scanner as a format scanner (it follows nested pickles itself). */
  public static FormatScanner pickle(PickleScanner scanner) {
    return (bytes, nested) -> scanner.scan(bytes);
  }

  /** This registry with {@code scanner} reading {@code format} (replacing any other). */
  public FormatRegistry with(ModelFormat format, FormatScanner scanner) {
    Map<ModelFormat, FormatScanner> m = new EnumMap<>(ModelFormat.class);
    m.putAll(scanners);
    m.put(format, scanner);
    return new FormatRegistry(m);
  }

  /** The scanner for {@code format}, if one is registered. */
  public Optional<FormatScanner> scanner(ModelFormat format) {
    return Optional.ofNullable(scanners.get(format));
  }
}
