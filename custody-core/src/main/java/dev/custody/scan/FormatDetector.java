package dev.custody.scan;

import dev.custody.format.ModelSource;
import dev.custody.format.json.TopLevelKeys;
import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.Opcode;
import dev.custody.format.pickle.PickleEvent;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import dev.custody.format.savedmodel.KerasMetadataReader;
import dev.custody.format.savedmodel.SavedModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells a file's format from its content: magic bytes first, then structure (a safetensors header
 * length that fits, a pickle that parses, a protobuf that looks like an ONNX model), then text.
 * File names are never consulted: a pickle named {@code README.md} is a pickle. Total: any bytes
 * give a format, {@link ModelFormat#UNKNOWN_BINARY} when nothing fits.
 *
 * <p>Detection errs towards formats that can run code: text is only text if it is valid UTF-8 and
 * does not parse as a pickle (protocol 0 pickles are printable ASCII).
 */
public final class FormatDetector {
  /** How many leading bytes are checked for text. */
  static final int TEXT_SAMPLE = 64 * 1024;

  /** How many leading bytes are searched for the shape of a chat template. */
  static final int TEMPLATE_SAMPLE = 1 << 20;

  private static final List<String> TEMPLATE_NAMES =
      List.of("messages", "add_generation_prompt", "bos_token", "eos_token");

  private static final Limits SNIFF_LIMITS = Limits.DEFAULT;
  private static final boolean[] PICKLE_OPCODE = new boolean[256];

  static {
    for (Opcode op : Opcode.values()) {
      PICKLE_OPCODE[op.code()] = true;
    }
  }

  private FormatDetector() {}

  /** The format of the bytes from {@code data.position()} to its limit; the buffer is untouched. */
  public static ModelFormat detect(ByteBuffer data) {
    return detect(ModelSource.of(data));
  }

  /**
   * The format of an input of any size: from its first bytes, and for a zip from the central
   * directory at its end.
   */
  public static ModelFormat detect(ModelSource source) {
    ByteBuffer b = source.prefix().order(ByteOrder.LITTLE_ENDIAN);
    int n = b.remaining();
    if (n == 0) {
      return ModelFormat.EMPTY;
    }
    if (starts(b, 'P', 'K', 3, 4) || starts(b, 'P', 'K', 5, 6)) {
      return zipKind(source);
    }
    if (starts(b, 0x1f, 0x8b)) {
      return ModelFormat.GZIP;
    }
    if (starts(b, 0xfd, '7', 'z', 'X', 'Z', 0)) {
      return ModelFormat.XZ;
    }
    if (n >= 4 && starts(b, 'B', 'Z', 'h') && u8(b, 3) >= '1' && u8(b, 3) <= '9') {
      return ModelFormat.BZIP2;
    }
    if (starts(b, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ModelFormat.ZSTD;
    }
    if (starts(b, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
      return ModelFormat.SEVEN_ZIP;
    }
    if (starts(b, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
      return ModelFormat.NUMPY;
    }
    if (starts(b, 'G', 'G', 'U', 'F')) {
      return ModelFormat.GGUF;
    }
    if (isHdf5(b)) {
      return ModelFormat.HDF5;
    }
    if (n >= 512 && startsAt(b, 257, 'u', 's', 't', 'a', 'r')) {
      return ModelFormat.TAR;
    }
    if (n >= 2 && u8(b, 0) == 0x80 && u8(b, 1) <= 5) {
      // PROTO: every pickle since protocol 2 starts with it. So does a safetensors file whose
      // header is 128, 384, 640 ... bytes long (0x80, then a small byte); it is one only if its
      // bytes do not also run as a pickle, which decides for the format that can run code.
      return isSafetensors(b) && !parsesAsPickle(b) ? ModelFormat.SAFETENSORS : ModelFormat.PICKLE;
    }
    if (isSafetensors(b)) {
      return ModelFormat.SAFETENSORS;
    }
    // Both are bare protobufs like ONNX: their structural checks exclude a ModelProto, so first.
    if (SavedModelReader.recognizes(b)) {
      return ModelFormat.SAVED_MODEL;
    }
    if (KerasMetadataReader.recognizes(b)) {
      return ModelFormat.KERAS_METADATA;
    }
    if (isOnnx(b)) {
      return ModelFormat.ONNX;
    }
    if (PICKLE_OPCODE[u8(b, 0)] && parsesAsPickle(b)) {
      return ModelFormat.PICKLE;
    }
    if (isText(b)) {
      return textKind(b);
    }
    if (n >= 2 && u8(b, 0) == 0x78 && ((u8(b, 0) << 8) | u8(b, 1)) % 31 == 0) {
      return ModelFormat.ZLIB;
    }
    if (isLzmaAlone(b)) {
      return ModelFormat.LZMA;
    }
    if (n >= 512 && isV7Tar(b)) {
      return ModelFormat.TAR;
    }
    return ModelFormat.UNKNOWN_BINARY;
  }

  /** A byte array's format. */
  public static ModelFormat detect(byte[] data) {
    return detect(ByteBuffer.wrap(data));
  }

  private static int u8(ByteBuffer b, int i) {
    return b.get(i) & 0xff;
  }

  private static boolean starts(ByteBuffer b, int... magic) {
    return startsAt(b, 0, magic);
  }

  private static boolean startsAt(ByteBuffer b, int at, int... magic) {
    if (b.remaining() - at < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (u8(b, at + i) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHdf5(ByteBuffer b) {
    // The superblock sits at 0, 512, 1024, 2048 ... (after a user block).
    for (long at = 0; at + 8 <= b.remaining() && at <= 1L << 20; at = at == 0 ? 512 : at * 2) {
      if (startsAt(b, (int) at, 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n')) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSafetensors(ByteBuffer b) {
    if (b.remaining() < 10) {
      return false;
    }
    long headerLength = b.getLong(0);
    return headerLength >= 2 && headerLength <= b.remaining() - 8L && u8(b, 8) == '{';
  }

  /**
   * A protobuf {@code ModelProto}: field 1 ({@code ir_version}, a small varint) first, as every
   * ONNX writer puts it, then a length-delimited field (producer, graph, opset import ...).
   */
  private static boolean isOnnx(ByteBuffer b) {
    if (b.remaining() < 4 || u8(b, 0) != 0x08) {
      return false;
    }
    int version = u8(b, 1);
    if (version < 1 || version > 32) {
      return false;
    }
    int tag = u8(b, 2);
    int field = tag >>> 3;
    return (tag & 7) == 2 && field >= 2 && field <= 20;
  }

  /**
   * A whole pickle, or one cut short after it already made a call: {@code pickle.load} runs each
   * REDUCE as it reads, so a truncated pickle still runs its payload before it fails.
   */
  private static boolean parsesAsPickle(ByteBuffer b) {
    PickleProgram program = PickleReader.read(b, SNIFF_LIMITS);
    if (program.pickles() >= 1) {
      return true;
    }
    for (PickleEvent event : program.events()) {
      if (event instanceof PickleEvent.Call
          || event instanceof PickleEvent.ComputedImport
          || event instanceof PickleEvent.ExtensionLookup) {
        return true;
      }
    }
    return false;
  }

  private static boolean isText(ByteBuffer b) {
    int n = Math.min(b.remaining(), TEXT_SAMPLE);
    ByteBuffer sample = b.slice(0, n);
    int controls = 0;
    for (int i = 0; i < n; i++) {
      int c = u8(sample, i);
      if (c == 0) {
        return false;
      }
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) {
        controls++;
      }
    }
    if (controls * 100 > n) {
      return false;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(trimPartialCodePoint(sample, b.remaining() > n));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The sample without a UTF-8 sequence cut off at its end (when the file goes on). */
  private static ByteBuffer trimPartialCodePoint(ByteBuffer sample, boolean cut) {
    int end = sample.remaining();
    if (!cut) {
      return sample;
    }
    for (int back = 1; back <= 3 && end - back >= 0; back++) {
      int c = u8(sample, end - back);
      if ((c & 0xc0) != 0x80) {
        int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > back ? sample.slice(0, end - back) : sample;
      }
    }
    return sample;
  }

  /**
   * JSON, unless it has a top-level {@code chat_template}; text, unless it is shaped like a Jinja
   * chat template (see {@link #looksLikeChatTemplate}).
   */
  private static ModelFormat textKind(ByteBuffer b) {
    int at = firstNonSpaceAt(b);
    int first = at < 0 ? -1 : u8(b, at);
    int second = at + 1 < b.remaining() && at >= 0 ? u8(b, at + 1) : -1;
    boolean tag = first == '{' && (second == '{' || second == '%' || second == '#');
    if (isSavedModelText(b)) {
      return ModelFormat.SAVED_MODEL_TEXT;
    }
    if ((first == '{' || first == '[') && !tag) {
      return first == '{' && TopLevelKeys.contains(b, "chat_template")
          ? ModelFormat.CHAT_TEMPLATE_JSON
          : ModelFormat.JSON;
    }
    return tag || looksLikeChatTemplate(b) ? ModelFormat.JINJA_TEMPLATE : ModelFormat.TEXT;
  }

  /**
   * Text with a Jinja tag (double brace or brace-percent) and a name every chat template uses
   * ({@code messages}, {@code add_generation_prompt}, {@code bos_token}, {@code eos_token}), within
   * the first {@link #TEMPLATE_SAMPLE} bytes. Text that starts with a tag is a template whatever it
   * names (checked by the caller). READMEs and code that merely contain braces stay text.
   */
  private static boolean looksLikeChatTemplate(ByteBuffer b) {
    ByteBuffer sample = b.slice(0, Math.min(b.remaining(), TEMPLATE_SAMPLE));
    if (indexOf(sample, "{%") < 0 && indexOf(sample, "{{") < 0) {
      return false;
    }
    for (String name : TEMPLATE_NAMES) {
      if (indexOf(sample, name) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A SavedModel in protobuf text format: after blank and {@code #} comment lines, its first field
   * is {@code saved_model_schema_version} or {@code meta_graphs}.
   */
  private static boolean isSavedModelText(ByteBuffer b) {
    int i = 0;
    int n = Math.min(b.remaining(), TEXT_SAMPLE);
    while (i < n) {
      int c = u8(b, i);
      if (isSpace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && u8(b, i) != '\n') {
          i++;
        }
      } else {
        break;
      }
    }
    for (String field : List.of("saved_model_schema_version", "meta_graphs")) {
      int end = i + field.length();
      if (end < n && indexOf(b.slice(i, field.length()), field) == 0) {
        int next = end;
        while (next < n && (u8(b, next) == ' ' || u8(b, next) == '\t')) {
          next++;
        }
        int c = next < n ? u8(b, next) : -1;
        if (c == ':' || c == '{' || c == '<') {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(ByteBuffer b, String ascii) {
    int n = b.remaining() - ascii.length();
    outer:
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j < ascii.length(); j++) {
        if (b.get(i + j) != ascii.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int firstNonSpaceAt(ByteBuffer b) {
    int i = 0;
    if (startsAt(b, 0, 0xef, 0xbb, 0xbf)) {
      i = 3;
    }
    for (; i < b.remaining(); i++) {
      if (!isSpace(u8(b, i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  /**
   * An lzma-alone header as Python's lzma module writes it for every preset (joblib's {@code
   * compress='lzma'}): properties 0x5d (lc=3, lp=0, pb=2), a dictionary size of 2^n or 3·2^n from 4
   * KiB, and an unknown (all ones) or plausible uncompressed size. The format has no magic number,
   * so anything looser would claim random binaries.
   */
  private static boolean isLzmaAlone(ByteBuffer b) {
    if (b.remaining() < 13 || u8(b, 0) != 0x5d) {
      return false;
    }
    long dictionary = u8(b, 1) | u8(b, 2) << 8 | u8(b, 3) << 16 | (long) u8(b, 4) << 24;
    long base = Long.lowestOneBit(dictionary);
    boolean sizeOk = dictionary >= 4096 && (dictionary == base || dictionary == 3 * base);
    boolean unknownLength = true;
    for (int i = 5; i < 13; i++) {
      unknownLength &= u8(b, i) == 0xff;
    }
    boolean plausibleLength = u8(b, 10) == 0 && u8(b, 11) == 0 && u8(b, 12) == 0;
    return sizeOk && (unknownLength || plausibleLength);
  }

  /** A v7 tar header: an octal checksum at 148 that matches the header's bytes. */
  private static boolean isV7Tar(ByteBuffer b) {
    long stored = 0;
    boolean digits = false;
    for (int i = 148; i < 156; i++) {
      int c = u8(b, i);
      if (c >= '0' && c <= '7') {
        stored = stored * 8 + (c - '0');
        digits = true;
      } else if (c != ' ' && c != 0) {
        return false;
      } else if (digits) {
        break;
      }
    }
    if (!digits || u8(b, 0) == 0) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : u8(b, i);
    }
    return sum == stored;
  }

  /** Which kind of zip, from the names in its central directory. */
  private static ModelFormat zipKind(ModelSource source) {
    ZipNames names = ZipNames.read(source);
    if (names.anyEndsWith("/data.pkl") || names.contains("data.pkl")) {
      return ModelFormat.PYTORCH_ZIP;
    }
    if (names.contains("config.json") && names.contains("metadata.json")) {
      return ModelFormat.KERAS_ZIP;
    }
    return ModelFormat.ZIP;
  }
}
