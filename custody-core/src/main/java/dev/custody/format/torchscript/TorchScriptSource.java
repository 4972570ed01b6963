package dev.custody.format.torchscript;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lists the global references in one TorchScript source record. torch's {@code SourceImporter}
 * compiles archive code against a fixed environment: {@code torch} (the {@code aten} operators),
 * {@code ops} ({@code ops.<namespace>.<op>}, any registered operator), {@code __torch__} (classes
 * defined in the archive and C++ custom classes under {@code __torch__.torch.classes}), plus
 * constants and special forms. An operator can only be reached by naming it through one of these
 * roots, literally or as {@code getattr(root, "name")} (TorchScript requires a string literal
 * there), so the references below are everything the code can call outside itself.
 *
 * <p>The lexer follows Python's token rules closely enough to skip comments and string literals
 * (single, triple-quoted, with escapes) and joins dotted names across whitespace, comments and line
 * breaks, as the TorchScript lexer does inside brackets. It runs in one pass over the bytes; the
 * number of references kept is bounded. Identifiers are ASCII, as in the TorchScript lexer; other
 * bytes end a name. Thread-safe; nothing is decoded except identifiers and literals.
 */
public final class TorchScriptSource {
  /** The names the source importer resolves as globals. */
  static final Set<String> ROOTS = Set.of("torch", "ops", "__torch__");

  /** Components kept per dotted name; longer names are cut (the root decides everything). */
  static final int MAX_COMPONENTS = 16;

  /**
   * A dotted reference to a global root, such as {@code torch.save} or {@code ops.myns.op}.
   *
   * @param name the dotted name, components joined with '.'
   * @param offset byte offset of its first character in the record
   */
  public record Reference(String name, long offset) {}

  /**
   * What reading one record found.
   *
   * @param references the references, in source order (repeats included)
   * @param problem why reading stopped early, if it did
   */
  public record Listing(List<Reference> references, Optional<String> problem) {
    /** Copies the list. */
    public Listing {
      references = List.copyOf(references);
    }

    /** True when the whole record was read. */
    public boolean completed() {
      return problem.isEmpty();
    }
  }

  private final ByteBuffer src;
  private final int maxReferences;
  private final List<Reference> found = new ArrayList<>();
  private int at;

  private TorchScriptSource(ByteBuffer src, int maxReferences) {
    this.src = src;
    this.maxReferences = maxReferences;
    this.at = src.position();
  }

  /**
   * Reads {@code source} (position to limit; the buffer is untouched) and keeps at most {@code
   * maxReferences} references.
   */
  public static Listing read(ByteBuffer source, int maxReferences) {
    if (maxReferences < 1) {
      throw new IllegalArgumentException("maxReferences must be positive, not " + maxReferences);
    }
    return new TorchScriptSource(source.duplicate(), maxReferences).run();
  }

  private Listing run() {
    int end = src.limit();
    boolean afterDot = false;
    while (at < end) {
      int c = u8(at);
      if (c == '#') {
        skipComment();
      } else if (c == '\'' || c == '"') {
        skipString();
        afterDot = false;
      } else if (isIdentifierStart(c)) {
        int start = at;
        String word = identifier();
        if (!afterDot && ROOTS.contains(word)) {
          if (!add(dotted(word), start)) {
            return new Listing(found, Optional.of(tooMany()));
          }
        } else if (!afterDot && word.equals("getattr")) {
          String looked = getattrLiteral();
          if (looked != null && !add(looked, start)) {
            return new Listing(found, Optional.of(tooMany()));
          }
        }
        afterDot = false;
      } else if (isDigit(c)) {
        skipNumber();
        afterDot = false;
      } else {
        if (!isSpace(c)) {
          afterDot = c == '.';
        }
        at++;
      }
    }
    return new Listing(found, Optional.empty());
  }

  private String tooMany() {
    return "more than " + maxReferences + " references to torch, ops or __torch__ in one record";
  }

  private boolean add(String name, long start) {
    if (found.size() >= maxReferences) {
      return false;
    }
    found.add(new Reference(name, start - src.position()));
    return true;
  }

  /** {@code root(.name)*} from just after the root, joining across blanks and comments. */
  private String dotted(String root) {
    StringBuilder name = new StringBuilder(root);
    int components = 1;
    while (true) {
      int save = at;
      skipBlanks();
      if (at >= src.limit() || u8(at) != '.') {
        at = save;
        return name.toString();
      }
      at++;
      skipBlanks();
      if (at >= src.limit() || !isIdentifierStart(u8(at))) {
        at = save;
        return name.toString();
      }
      String part = identifier();
      if (components++ < MAX_COMPONENTS) {
        name.append('.').append(part);
      }
    }
  }

  /**
   * After {@code getattr}: {@code ( root.dotted , "literal" )} gives {@code root.dotted.literal};
   * anything else gives null and leaves the position after what was read, so the arguments are
   * still lexed normally.
   */
  private @Nullable String getattrLiteral() {
    int save = at;
    skipBlanks();
    if (at >= src.limit() || u8(at) != '(') {
      at = save;
      return null;
    }
    at++;
    skipBlanks();
    if (at >= src.limit() || !isIdentifierStart(u8(at))) {
      at = save;
      return null;
    }
    String root = identifier();
    if (!ROOTS.contains(root)) {
      at = save;
      return null;
    }
    String target = dotted(root);
    skipBlanks();
    if (at >= src.limit() || u8(at) != ',') {
      at = save;
      return null;
    }
    at++;
    skipBlanks();
    String literal = stringLiteral();
    if (literal == null) {
      at = save;
      return null;
    }
    return target + "." + literal;
  }

  /** A plain one-line '...' or "..." literal without escapes, else null (position unchanged). */
  private @Nullable String stringLiteral() {
    if (at >= src.limit()) {
      return null;
    }
    int quote = u8(at);
    if (quote != '\'' && quote != '"') {
      return null;
    }
    int i = at + 1;
    while (i < src.limit() && u8(i) != quote && u8(i) != '\\' && u8(i) != '\n') {
      i++;
    }
    if (i >= src.limit() || u8(i) != quote) {
      return null;
    }
    byte[] text = new byte[i - at - 1];
    src.get(at + 1, text);
    at = i + 1;
    return new String(text, StandardCharsets.UTF_8);
  }

  private String identifier() {
    int start = at;
    while (at < src.limit() && isIdentifierPart(u8(at))) {
      at++;
    }
    byte[] text = new byte[at - start];
    src.get(start, text);
    return new String(text, StandardCharsets.US_ASCII);
  }

  private void skipBlanks() {
    while (at < src.limit()) {
      int c = u8(at);
      if (c == '#') {
        skipComment();
      } else if (isSpace(c) || c == '\\') {
        at++;
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (at < src.limit() && u8(at) != '\n') {
      at++;
    }
  }

  private void skipNumber() {
    while (at < src.limit() && (isIdentifierPart(u8(at)) || u8(at) == '.')) {
      at++;
    }
  }

  /** Skips a string literal, single or triple quoted, honouring backslash escapes. */
  private void skipString() {
    int quote = u8(at);
    boolean triple = at + 2 < src.limit() && u8(at + 1) == quote && u8(at + 2) == quote;
    at += triple ? 3 : 1;
    while (at < src.limit()) {
      int c = u8(at);
      if (c == '\\') {
        at += 2;
      } else if (c == quote
          && (!triple || (at + 2 < src.limit() && u8(at + 1) == quote && u8(at + 2) == quote))) {
        at += triple ? 3 : 1;
        return;
      } else if (c == '\n' && !triple) {
        return; // an unterminated one-line string: the compiler rejects it; keep lexing
      } else {
        at++;
      }
    }
    at = Math.min(at, src.limit());
  }

  private int u8(int index) {
    return src.get(index) & 0xff;
  }

  private static boolean isIdentifierStart(int c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isIdentifierPart(int c) {
    return isIdentifierStart(c) || isDigit(c);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
