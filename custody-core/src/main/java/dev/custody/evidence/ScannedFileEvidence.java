package dev.custody.evidence;

/**
 * One file the scan looked at.
 *
 * @param path model-relative, {@code /} separators
 * @param format the format detected from its content, e.g. {@code pickle}, {@code safetensors}
 * @param verdict {@code clean}, {@code findings}, {@code incomplete} or {@code not-a-model}
 * @param completed whether the file was scanned to the end
 * @param note why it is incomplete or not a model, for people; empty otherwise
 */
public record ScannedFileEvidence(
    String path, String format, String verdict, boolean completed, String note) {
  /** Checks the path and the tokens. */
  public ScannedFileEvidence {
    Texts.requireText("a scanned file's path", path);
    Texts.requireToken("a file format", format);
    Texts.requireToken("a file verdict", verdict);
    Texts.requireBounded("a file note", note);
  }
}
