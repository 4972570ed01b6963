package dev.custody.attest;

import dev.custody.digest.DigestOptions;
import dev.custody.format.pem.MalformedKeyException;
import dev.custody.model.Digest;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import dev.custody.sign.SigningKey;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.testkit.ModelTree;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Models, datasets and provenance shared by the attestation tests. */
final class AttestFixtures {
  static final Instant STARTED = Instant.parse("2026-11-20T08:00:00Z");
  static final Instant FINISHED = Instant.parse("2026-11-20T11:30:00Z");

  private AttestFixtures() {}

  static Path model(Path folder) {
    return ModelTree.at(folder)
        .file("config.json", "{\"model_type\": \"bert\", \"transformers_version\": \"4.41.0\"}")
        .pattern("model.safetensors", 200, 7)
        .root();
  }

  static Path dataset(Path folder) {
    return ModelTree.at(folder)
        .file("train.jsonl", "{\"text\": \"a\"}\n")
        .file("test.jsonl", "{\"text\": \"b\"}\n")
        .root();
  }

  static DigestOptions options() {
    return DigestOptions.defaults().withThreads(1);
  }

  /** Provenance of {@code model} trained on {@code dataset}, from {@code base}. */
  static Provenance provenance(String name, Digest model, Digest dataset, Digest base) {
    return new Provenance(
        new Subject(name, model),
        new BuildDefinition(
            Provenance.TRAINING_BUILD_TYPE,
            TrainingParameters.of(
                Map.of(
                    "epochs", new ParameterValue.Decimal(new BigDecimal("3")),
                    "optimizer.lr", new ParameterValue.Decimal(new BigDecimal("0.0001")),
                    "note", new ParameterValue.Text("first run"))),
            BuildEnvironment.defaults(),
            List.of(
                ResolvedDependency.dataset("train-data", dataset),
                ResolvedDependency.baseModel("bert-base", base),
                ResolvedDependency.code(
                    "https://github.com/example/train", "0123456789abcdef0123456789abcdef01234567"),
                ResolvedDependency.pythonPackage("pkg:pypi/torch@2.1.0%2Bcu118"))),
        new RunDetails(Provenance.DEFAULT_BUILDER, "run-42", STARTED, FINISHED, List.of()));
  }

  static TrustPolicy trusting(SigningKey key) {
    try {
      return TrustPolicy.ofKeys(List.of(TrustedKey.of("release.pub", key.publicKey())));
    } catch (MalformedKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
