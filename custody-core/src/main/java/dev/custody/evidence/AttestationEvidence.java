package dev.custody.evidence;

import java.util.List;
import java.util.Map;

/**
 * One provenance attestation found for the model (an in-toto statement with a SLSA provenance
 * predicate), and what verifying it gave. Attestations are verified by the attestation verifier;
 * this is the shape a policy sees.
 */
public sealed interface AttestationEvidence
    permits AttestationEvidence.Verified, AttestationEvidence.Failed {

  /** Where the attestation came from (a file name, a registry reference). */
  String source();

  /**
   * An attestation that verified: signed by a trusted signer, about this model's root digest.
   *
   * @param source where it came from
   * @param predicateType e.g. {@code https://slsa.dev/provenance/v1}
   * @param signer who signed the attestation, one line
   * @param builder the builder id that ran the build, e.g. a CI workflow URI
   * @param datasets the datasets the model was trained on
   * @param baseModels the models it was fine-tuned from
   * @param parameters external parameters of the run, as text
   */
  record Verified(
      String source,
      String predicateType,
      String signer,
      String builder,
      List<ArtifactEvidence> datasets,
      List<ArtifactEvidence> baseModels,
      Map<String, String> parameters)
      implements AttestationEvidence {
    /** Checks the texts and copies the collections (parameters keep their order). */
    public Verified {
      Texts.requireText("an attestation's source", source);
      Texts.requireText("a predicate type", predicateType);
      Texts.requireText("an attestation signer", signer);
      Texts.requireText("a builder id", builder);
      datasets = List.copyOf(datasets);
      baseModels = List.copyOf(baseModels);
      parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
      parameters.forEach((name, value) -> {
        Texts.requireText("a parameter name", name);
        Texts.requireBounded("a parameter value", value);
      });
    }
  }

  /**
   * An attestation that did not verify.
   *
   * @param source where it came from
   * @param reason a stable token, e.g. {@code untrusted-signer}, {@code wrong-subject}
   * @param message what failed, for people
   */
  record Failed(String source, String reason, String message) implements AttestationEvidence {
    /** Checks the texts. */
    public Failed {
      Texts.requireText("an attestation's source", source);
      Texts.requireToken("a failure reason", reason);
      Texts.requireText("a failure message", message);
    }
  }
}
