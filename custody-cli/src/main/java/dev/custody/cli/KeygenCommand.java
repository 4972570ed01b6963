package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.sign.Curve;
import dev.custody.sign.PublicKeys;
import dev.custody.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody keygen}: a new EC key pair for {@code custody sign}. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Make a key pair for signing models.",
    description = {
      "Writes NAME.pem, the private key (PKCS#8, readable by you only: keep it secret), and"
          + " NAME.pub.pem, the public key (give it to whoever verifies your models). Existing"
          + " files are never overwritten.",
      "With --password-env VARIABLE the private key is encrypted with the password in that"
          + " environment variable (AES-256, PBKDF2); 'custody sign' then reads the same variable.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody keygen --out release",
      "  custody sign my-model --key release.pem",
      "  custody verify my-model --key release.pub.pem",
      "  CUSTODY_KEY_PASSWORD=... custody keygen --curve p384 --out team"
          + " --password-env CUSTODY_KEY_PASSWORD"
    })
final class KeygenCommand implements Callable<Integer> {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "NAME",
      description = "Path prefix of the two files: NAME.pem and NAME.pub.pem.")
  String out;

  @Option(
      names = "--curve",
      paramLabel = "CURVE",
      description = "p256 (default), p384 or p521.",
      converter = CurveConverter.class)
  Curve curve = Curve.P256;

  @Option(
      names = "--password-env",
      paramLabel = "VARIABLE",
      description = "Encrypt the private key with the password in this environment variable.")
  @Nullable String passwordVariable;

  @Override
  public Integer call() {
    if (out.isEmpty()) {
      throw CliFailure.usage("--out is empty; give a name such as 'release'");
    }
    Path privateFile = Path.of(out + ".pem");
    Path publicFile = Path.of(out + ".pub.pem");
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file)) {
        throw CliFailure.usage(
            Untrusted.quote(file.toString())
                + " already exists; choose another --out name or move the old key away first");
      }
    }
    SigningKey key = SigningKey.generate(curve);
    char[] password = password();
    try {
      create(privateFile, key.privateKeyPem(password), OWNER_ONLY);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
    create(
        publicFile, PublicKeys.pem(key.publicKey()).getBytes(StandardCharsets.US_ASCII), READABLE);
    String nl = System.lineSeparator();
    spec.commandLine()
        .getOut()
        .print(
            "Wrote "
                + curve.displayName()
                + " key pair"
                + nl
                + "  private key  "
                + Untrusted.quote(privateFile.toString())
                + (password == null ? " (not encrypted: keep it secret)" : " (encrypted)")
                + nl
                + "  public key   "
                + Untrusted.quote(publicFile.toString())
                + nl
                + "  key hint     sha256:"
                + PublicKeys.hint(key.publicKey())
                + nl);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  private char @Nullable [] password() {
    if (passwordVariable == null) {
      return null;
    }
    String value = parent.environment().get(passwordVariable);
    if (value == null || value.isEmpty()) {
      throw CliFailure.usage(
          "--password-env "
              + Untrusted.quote(passwordVariable)
              + ": the variable is not set or empty; export the password in it first");
    }
    return value.toCharArray();
  }

  /** Creates the file new (never replacing one), with its permissions set from the start. */
  private static void create(Path file, byte[] content, Set<PosixFilePermission> permissions) {
    try {
      Path absolute = file.toAbsolutePath();
      Path folder = absolute.getParent();
      boolean posix =
          folder != null
              && Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
      FileAttribute<?>[] attributes =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
              : new FileAttribute<?>[0];
      Files.createFile(absolute, attributes);
      Files.write(absolute, content);
    } catch (FileAlreadyExistsException e) {
      throw CliFailure.usage(Untrusted.quote(file.toString()) + " already exists");
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "could not write " + Untrusted.quote(file.toString()) + " (" + e + ")",
          e);
    }
  }
}
