package dev.custody.scan;

import dev.custody.format.ModelSource;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
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
        (RandomAccessScanner) (source, nested) -> pickles(source, legacyTorch, joblib));
    ZipScanner zips = ZipScanner.standard();
    m.put(ModelFormat.PYTORCH_ZIP, (RandomAccessScanner) zips::scanAny);
    m.put(ModelFormat.ZIP, (RandomAccessScanner) zips::scanAny);
    m.put(ModelFormat.KERAS_ZIP, (RandomAccessScanner) zips::scanAny);
    m.put(ModelFormat.HDF5, Hdf5Scanner.standard()::scan);
    NpyScanner arrays = NpyScanner.standard();
    m.put(ModelFormat.NUMPY, (bytes, nested) -> arrays.scan(bytes));
    SafetensorsScanner safetensors = SafetensorsScanner.standard();
    // Both read only their header, from a view of the first gigabyte that is never copied.
    m.put(
        ModelFormat.SAFETENSORS,
        (RandomAccessScanner) (source, nested) -> safetensors.scan(source.prefix(), source.size()));
    GgufScanner gguf = GgufScanner.standard();
    m.put(
        ModelFormat.GGUF,
        (RandomAccessScanner) (source, nested) -> gguf.scan(source.prefix(), source.size()));
    OnnxScanner onnx = OnnxScanner.standard();
    m.put(ModelFormat.ONNX, (bytes, nested) -> onnx.scan(bytes));
    SavedModelScanner savedModel = SavedModelScanner.standard();
    m.put(ModelFormat.SAVED_MODEL, (bytes, nested) -> savedModel.scan(bytes));
    m.put(ModelFormat.SAVED_MODEL_TEXT, (bytes, nested) -> savedModel.scanText(bytes));
    KerasMetadataScanner kerasMetadata = KerasMetadataScanner.standard();
    m.put(ModelFormat.KERAS_METADATA, (bytes, nested) -> kerasMetadata.scan(bytes));
    m.put(ModelFormat.KERAS_CONFIG, KerasConfig::scan);
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
    // zlib and lzma-alone have weak magic: the detector decided, so name the compression.
    m.put(ModelFormat.ZLIB, compressed.as(dev.custody.format.archive.Compression.ZLIB));
    m.put(ModelFormat.LZMA, compressed.as(dev.custody.format.archive.Compression.LZMA));
    m.put(ModelFormat.SEVEN_ZIP, archives::scan);
    return new FormatRegistry(m);
  }

  /**
   * A pickle file: a legacy PyTorch checkpoint (its pickles come first, then raw storage bytes that
   * are never read, so it scans at any size) or else a plain or joblib pickle, which is read whole
   * and so only up to one buffer; a larger one is not scanned (incomplete, no findings).
   */
  private static ScanResult pickles(
      ModelSource source, LegacyTorchScanner legacyTorch, JoblibScanner joblib) {
    ByteBuffer prefix = source.prefix();
    if (LegacyTorchScanner.matches(prefix)) {
      return legacyTorch.scan(prefix);
    }
    Optional<ByteBuffer> whole = source.whole();
    return whole.isPresent() ? joblib.scan(whole.get()) : new ScanResult(List.of(), false);
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
