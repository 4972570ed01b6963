package dev.custody.cli;

/** The exit codes every custody verb uses (docs/cli.md). */
public final class ExitCode {
  /** The job was done and found nothing wrong. */
  public static final int OK = 0;

  /** The job was done and found something: findings, a policy deny, a failed verification. */
  public static final int FINDINGS = 1;

  /** The command line was wrong: unknown option, bad value, missing argument or path. */
  public static final int USAGE = 2;

  /** The job could not be done: unreadable or refused input, I/O failure, internal error. */
  public static final int OPERATIONAL = 3;

  private ExitCode() {}
}
