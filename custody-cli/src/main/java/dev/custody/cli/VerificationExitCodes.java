package dev.custody.cli;

import dev.custody.digest.DigestException;
import dev.custody.sign.VerificationException;
import java.nio.file.NoSuchFileException;

/** The exit code of a failed verification, the same for signatures and attestations. */
final class VerificationExitCodes {
  private VerificationExitCodes() {}

  /**
   * @param fileNamed true when the user named the signature or attestation file: its absence is
   *     then a usage error, while a default file that is missing means the model is not signed (not
   *     verified, exit 1)
   */
  static int of(VerificationException e, boolean fileNamed) {
    return switch (e.reason()) {
      case SIGNATURE_UNREADABLE ->
          e.getCause() instanceof NoSuchFileException
              ? (fileNamed ? ExitCode.USAGE : ExitCode.FINDINGS)
              : ExitCode.OPERATIONAL;
      case MODEL_UNREADABLE ->
          e.getCause() instanceof DigestException digest
              ? DigestCommand.exitCode(digest)
              : ExitCode.OPERATIONAL;
      case UNSUPPORTED -> ExitCode.OPERATIONAL;
      case MALFORMED_SIGNATURE,
          WRONG_TRUST_SOURCE,
          UNTRUSTED_SIGNER,
          BAD_SIGNATURE,
          UNTRUSTED_CERTIFICATE,
          IDENTITY_MISMATCH,
          TRANSPARENCY_LOG,
          INCONSISTENT_STATEMENT,
          MODEL_MISMATCH,
          WRONG_PREDICATE_TYPE,
          SUBJECT_MISMATCH ->
          ExitCode.FINDINGS;
    };
  }
}
