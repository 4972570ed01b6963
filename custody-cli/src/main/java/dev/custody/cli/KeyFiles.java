package dev.custody.cli;

import dev.custody.format.pem.MalformedKeyException;
import dev.custody.format.pem.PemReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.sign.SigningKey;
import dev.custody.sign.TrustedKey;
import dev.custody.sign.TrustedRoot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the key and certificate files named on the command line. A file that is missing or holds
 * the wrong thing is a usage error naming the option and the file.
 */
final class KeyFiles {
  /** The environment variable read for an encrypted key's password unless another is named. */
  static final String DEFAULT_PASSWORD_VARIABLE = "CUSTODY_KEY_PASSWORD";

  private KeyFiles() {}

  static TrustedKey trustedKey(String option, Path file) {
    try {
      return TrustedKey.of(file.toString(), PemReader.readPublicKey(read(option, file)));
    } catch (MalformedKeyException e) {
      throw bad(option, file, e);
    }
  }

  static List<TrustedRoot> trustedRoots(String option, Path file) {
    return certificates(option, file).stream()
        .map(certificate -> new TrustedRoot(file.toString(), certificate))
        .toList();
  }

  static List<X509Certificate> certificates(String option, Path file) {
    try {
      return PemReader.readCertificates(read(option, file));
    } catch (MalformedKeyException e) {
      throw bad(option, file, e);
    }
  }

  /**
   * The signing key in {@code file}. An encrypted key's password comes from the environment
   * variable {@code passwordVariable}, or else from a prompt when a person is at the terminal;
   * never from an argument, which other users could read in the process list.
   */
  static SigningKey signingKey(
      String option,
      Path file,
      String passwordVariable,
      Map<String, String> environment,
      Terminal terminal) {
    byte[] pem = read(option, file);
    char[][] asked = new char[1][];
    try {
      return SigningKey.of(
          PemReader.readPrivateKeyAsking(
              pem,
              () -> {
                asked[0] = password(file, passwordVariable, environment, terminal);
                return asked[0];
              }));
    } catch (MalformedKeyException e) {
      throw bad(option, file, e);
    } finally {
      if (asked[0] != null) {
        Arrays.fill(asked[0], '\0');
      }
    }
  }

  private static char[] password(
      Path file, String variable, Map<String, String> environment, Terminal terminal) {
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null) {
      return fromEnvironment.toCharArray();
    }
    char[] typed = terminal.askPassword("Password for " + file + ": ");
    if (typed == null) {
      throw CliFailure.usage(
          "the private key "
              + Untrusted.quote(file.toString())
              + " is encrypted; set its password in the environment variable "
              + variable
              + " (or name another with --password-env), or run in a terminal to be asked");
    }
    return typed;
  }

  static byte[] read(String option, Path file) {
    try {
      return BoundedFiles.read(file, PemReader.MAX_PEM_BYTES);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage(option + " " + Untrusted.quote(file.toString()) + ": no such file");
    } catch (IOException e) {
      throw CliFailure.usage(
          option + " " + Untrusted.quote(file.toString()) + ": cannot be read (" + e + ")");
    }
  }

  private static CliFailure bad(String option, Path file, MalformedKeyException e) {
    return CliFailure.usage(
        option + " " + Untrusted.quote(file.toString()) + ": " + e.getMessage());
  }
}
