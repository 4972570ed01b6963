package dev.custody.policy;

import dev.custody.policy.yaml.Mark;

/**
 * A policy file cannot be used: it is unreadable, not valid YAML, breaks the schema, names a key
 * file that is missing, or holds a rule that does not compile. The message starts with {@code
 * FILE:LINE:COLUMN:} so editors and people can jump to the place.
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Mark mark;
  private final String problem;

  /** A problem at {@code mark} of {@code file}. */
  public PolicyException(String file, Mark mark, String problem) {
    super(file + ":" + mark.line() + ":" + mark.column() + ": " + problem);
    this.file = file;
    this.mark = mark;
    this.problem = problem;
  }

  /** A problem at {@code mark} of {@code file}, caused by {@code cause}. */
  public PolicyException(String file, Mark mark, String problem, Throwable cause) {
    super(file + ":" + mark.line() + ":" + mark.column() + ": " + problem, cause);
    this.file = file;
    this.mark = mark;
    this.problem = problem;
  }

  /** The policy file, as named by the caller. */
  public String file() {
    return file;
  }

  /** Where in the file. */
  public Mark mark() {
    return mark;
  }

  /** What is wrong, without the place. */
  public String problem() {
    return problem;
  }
}
