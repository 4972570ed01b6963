package dev.custody.finding;

/**
 * One thing a scanner found, in words a person can act on.
 *
 * @param rule the stable rule that fired
 * @param severity how bad it is (normally the rule's; a rule may rank a specific subject higher)
 * @param title the rule's one-line title
 * @param location where in the file
 * @param subject what is involved, e.g. {@code os.system} or an archive member name; already
 *     escaped for display
 * @param explanation what this means for someone about to load the file
 * @param remedy what to do about it
 */
public record Finding(
    RuleId rule,
    Severity severity,
    String title,
    Location location,
    String subject,
    String explanation,
    String remedy) {

  /** Checks that every text is present. */
  public Finding {
    requireText("title", title);
    requireText("explanation", explanation);
    requireText("remedy", remedy);
  }

  /** This finding seen from outside {@code container} (an archive member, an embedded file). */
  public Finding inside(String container) {
    return new Finding(
        rule, severity, title, location.inside(container), subject, explanation, remedy);
  }

  private static void requireText(String field, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("a finding's " + field + " is never blank");
    }
  }
}
