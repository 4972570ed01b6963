package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.testkit.Golden;
import dev.custody.testkit.ModelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code custody keygen}, {@code sign} and {@code verify} as a user runs them. */
class SignVerifyCommandTest {
  private static final String VECTORS = "../custody-core/src/test/resources/oms-vectors";
  private static final String TINY_ROOT =
      "sha256:a84bc6d7436624760d813284f40580f9ac13a46be9b1991501e0d35aead89228";

  @TempDir Path tmp;
  private Path model;
  private String key;

  @BeforeEach
  void makeModelAndKey() {
    model =
        ModelTree.at(tmp.resolve("m"))
            .file("config.json", "{}\n")
            .file("weights.bin", "weights\n")
            .file("tokenizer/vocab.txt", "a\nb\n")
            .root();
    key = tmp.resolve("release").toString();
    assertThat(CliRun.of("keygen", "--out", key).exitCode()).isEqualTo(ExitCode.OK);
  }

  // ---------------------------------------------------------------- keygen

  @Test
  void keygenWritesAPrivateKeyOnlyTheOwnerCanRead() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(key + ".pem"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(Path.of(key + ".pub.pem")))
        .startsWith("-----BEGIN PUBLIC KEY-----\n");
  }

  @Test
  void keygenNeverOverwritesAKey() throws Exception {
    byte[] before = Files.readAllBytes(Path.of(key + ".pem"));
    CliRun run = CliRun.of("keygen", "--out", key);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("already exists; choose another --out name");
    assertThat(Files.readAllBytes(Path.of(key + ".pem"))).isEqualTo(before);
  }

  @Test
  void keygenRefusesAnUnknownCurve() {
    CliRun run = CliRun.of("keygen", "--curve", "ed25519", "--out", tmp.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("unknown curve 'ed25519' (expected p256, p384 or p521)");
  }

  // ---------------------------------------------------------------- sign and verify

  @Test
  void signsIntoTheModelFolderAndVerifies() {
    CliRun sign = CliRun.of("sign", model.toString(), "--key", key + ".pem");
    assertThat(sign.exitCode()).as(sign.err()).isEqualTo(ExitCode.OK);
    assertThat(sign.out()).contains("Signed ").contains("covers       3 files, sha256");
    assertThat(model.resolve("model.sig")).exists();

    CliRun verify = CliRun.of("verify", model.toString(), "--key", key + ".pub.pem");
    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
    assertThat(verify.out()).startsWith("Verified ").contains("signed by    key p256 sha256:");
    assertThat(verify.err()).isEmpty();
  }

  @Test
  void aSingleFileIsSignedBesideItself() {
    Path file = model.resolve("weights.bin");
    assertThat(CliRun.of("sign", file.toString(), "--key", key + ".pem").exitCode())
        .isEqualTo(ExitCode.OK);
    assertThat(model.resolve("weights.bin.sig")).exists();

    CliRun verify = CliRun.of("verify", file.toString(), "--key", key + ".pub.pem");
    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
    assertThat(verify.out()).contains("covers       1 file, sha256");
  }

  @Test
  void aChangedModelFailsWithTheNamesOfWhatChanged() throws Exception {
    CliRun.of("sign", model.toString(), "--key", key + ".pem");
    Files.writeString(model.resolve("config.json"), "{\"evil\": true}\n");
    Files.writeString(model.resolve("extra.pkl"), "x");
    Files.delete(model.resolve("tokenizer/vocab.txt"));

    CliRun verify = CliRun.of("verify", model.toString(), "--key", key + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.out()).isEmpty();
    assertThat(verify.err())
        .contains("is not the model that was signed")
        .contains("1 changed ('config.json')")
        .contains("1 added ('extra.pkl')")
        .contains("1 removed ('tokenizer/vocab.txt')");
  }

  @Test
  void jsonReportsAFailureOnStdoutToo() throws Exception {
    CliRun.of("sign", model.toString(), "--key", key + ".pem");
    Files.writeString(model.resolve("weights.bin"), "other\n");

    CliRun verify =
        CliRun.of("verify", model.toString(), "--key", key + ".pub.pem", "--format", "json");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(verify.out());
    assertThat(json.get("verified").asBoolean()).isFalse();
    assertThat(json.get("reason").asText()).isEqualTo("MODEL_MISMATCH");
    assertThat(json.at("/diff/changed/0").asText()).isEqualTo("weights.bin");
  }

  @Test
  void ignoreUnsignedFilesAcceptsNewFilesButNotChangedOnes() throws Exception {
    CliRun.of("sign", model.toString(), "--key", key + ".pem");
    Files.writeString(model.resolve("NOTES.md"), "added later\n");

    assertThat(CliRun.of("verify", model.toString(), "--key", key + ".pub.pem").exitCode())
        .isEqualTo(ExitCode.FINDINGS);
    assertThat(
            CliRun.of(
                    "verify",
                    model.toString(),
                    "--key",
                    key + ".pub.pem",
                    "--ignore-unsigned-files")
                .exitCode())
        .isEqualTo(ExitCode.OK);

    Files.writeString(model.resolve("weights.bin"), "other\n");
    CliRun changed =
        CliRun.of("verify", model.toString(), "--key", key + ".pub.pem", "--ignore-unsigned-files");
    assertThat(changed.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(changed.err()).contains("1 changed ('weights.bin')");
  }

  @Test
  void anotherKeyIsNotTrusted() {
    CliRun.of("sign", model.toString(), "--key", key + ".pem");
    String other = tmp.resolve("other").toString();
    CliRun.of("keygen", "--out", other);

    CliRun verify = CliRun.of("verify", model.toString(), "--key", other + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.err()).contains("which is not a trusted key");
  }

  @Test
  void aMissingDefaultSignatureMeansUnsigned() {
    CliRun verify = CliRun.of("verify", model.toString(), "--key", key + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.err()).contains("no signature at").contains("the model is unsigned");
  }

  @Test
  void aMissingNamedSignatureIsAUsageError() {
    CliRun verify =
        CliRun.of("verify", model.toString(), "--key", key + ".pub.pem", "--signature", "nope.sig");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aMissingModelIsAUsageErrorNotAMissingSignature() {
    CliRun verify =
        CliRun.of("verify", tmp.resolve("nothere").toString(), "--key", key + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(verify.err()).contains("does not exist").doesNotContain("no signature");
  }

  @Test
  void verifyNeedsExactlyOneKindOfTrust() {
    CliRun none = CliRun.of("verify", model.toString());
    CliRun two =
        CliRun.of("verify", model.toString(), "--key", key + ".pub.pem", "--ca", key + ".pub.pem");

    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).contains("no trust source given; give one of --key PUB.pem");
    assertThat(two.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(two.err()).contains("more than one kind of trust source");
  }

  @Test
  void aPrivateKeyGivenAsTrustSaysWhatItIs() {
    CliRun verify = CliRun.of("verify", model.toString(), "--key", key + ".pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(verify.err()).contains("holds a private key (expected a public key");
  }

  @Test
  void signingWithThePublicKeySaysWhatItIs() {
    CliRun sign = CliRun.of("sign", model.toString(), "--key", key + ".pub.pem");

    assertThat(sign.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(sign.err()).contains("holds a public key, not a private key");
  }

  @Test
  void anEmptyModelIsNotSigned() throws Exception {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    CliRun sign = CliRun.of("sign", empty.toString(), "--key", key + ".pem");

    assertThat(sign.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(sign.err()).contains("has no file to sign");
    assertThat(empty.resolve("model.sig")).doesNotExist();
  }

  // ---------------------------------------------------------------- encrypted keys

  @Test
  void anEncryptedKeyTakesItsPasswordFromTheEnvironment() {
    String locked = tmp.resolve("locked").toString();
    Map<String, String> env = Map.of("CUSTODY_KEY_PASSWORD", "correct horse");
    assertThat(
            CliRun.withEnvironment(
                    env, "keygen", "--out", locked, "--password-env", "CUSTODY_KEY_PASSWORD")
                .exitCode())
        .isEqualTo(ExitCode.OK);

    CliRun noPassword = CliRun.of("sign", model.toString(), "--key", locked + ".pem");
    CliRun wrong =
        CliRun.withEnvironment(
            Map.of("CUSTODY_KEY_PASSWORD", "wrong"),
            "sign",
            model.toString(),
            "--key",
            locked + ".pem");
    CliRun right = CliRun.withEnvironment(env, "sign", model.toString(), "--key", locked + ".pem");

    assertThat(noPassword.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noPassword.err()).contains("is encrypted; set its password in the environment");
    assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(wrong.err()).contains("wrong password");
    assertThat(right.exitCode()).as(right.err()).isEqualTo(ExitCode.OK);
  }

  // ---------------------------------------------------------------- interop vectors

  @Test
  void verifiesTheReferenceCertificateSignature() {
    CliRun verify =
        CliRun.of(
            "verify",
            VECTORS + "/tiny-model",
            "--signature",
            VECTORS + "/sigs/files-sha256-cert.sig",
            "--ca",
            VECTORS + "/keys/ca-root-cert.pem");

    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
    assertThat(verify.out())
        .contains("root digest  " + TINY_ROOT)
        .contains("certificate CN=custody-test-signer, issued by CN=custody-test-intermediate");
    assertThat(verify.err()).contains("warning: the signing certificate expired on 2025-01-31");
  }

  @Test
  void aKeySignatureCheckedAgainstACaSaysWhichTrustToUse() {
    CliRun verify =
        CliRun.of(
            "verify",
            VECTORS + "/tiny-model",
            "--signature",
            VECTORS + "/sigs/files-sha256-p256.sig",
            "--ca",
            VECTORS + "/keys/ca-root-cert.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.err()).contains("made with a key").contains("verify with --key PUB.pem");
  }

  @Test
  void aCertificateSignatureRoundTrips() {
    String keys = VECTORS + "/keys/";
    Path signature = tmp.resolve("cert.sig");
    CliRun sign =
        CliRun.of(
            "sign",
            model.toString(),
            "--key",
            keys + "leaf.pem",
            "--cert",
            keys + "leaf-cert.pem",
            "--cert-chain",
            keys + "ca-intermediate-cert.pem",
            "--signature",
            signature.toString());
    assertThat(sign.exitCode()).as(sign.err()).isEqualTo(ExitCode.OK);

    CliRun verify =
        CliRun.of(
            "verify",
            model.toString(),
            "--signature",
            signature.toString(),
            "--ca",
            keys + "ca-root-cert.pem");
    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
  }

  @Test
  void aCertificateForAnotherKeyIsRefusedBeforeSigning() {
    String keys = VECTORS + "/keys/";
    CliRun sign =
        CliRun.of(
            "sign", model.toString(), "--key", key + ".pem", "--cert", keys + "leaf-cert.pem");

    assertThat(sign.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(sign.err()).contains("certifies another key than the private key given");
    assertThat(model.resolve("model.sig")).doesNotExist();
  }

  // ---------------------------------------------------------------- help

  @Test
  void helpTextsMatchGoldenFiles() {
    for (String verb : new String[] {"keygen", "sign", "verify"}) {
      CliRun run = CliRun.of(verb, "--help");
      assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
      assertThat(run.out()).contains("Examples:");
      Golden.assertMatches("dev/custody/cli/golden/" + verb + "-help.txt", run.out());
    }
  }
}
