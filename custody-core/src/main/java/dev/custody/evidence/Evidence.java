package dev.custody.evidence;

import java.time.Instant;
import java.util.List;

/**
 * Everything known about one model when a decision is made about it. Sections are added as custody
 * learns more (vulnerabilities, behaviour fingerprints); each is its own type, so a policy engine
 * exposes each as one variable.
 *
 * @param model what the model is: name, root digest, files
 * @param scan what the static scan found
 * @param signatures every signature found, verified or not
 * @param attestations every provenance attestation found, verified or not
 * @param bom facts from the model's bill of materials
 * @param gatheredAt when the evidence was gathered
 */
public record Evidence(
    ModelEvidence model,
    ScanEvidence scan,
    List<SignatureEvidence> signatures,
    List<AttestationEvidence> attestations,
    BomEvidence bom,
    Instant gatheredAt) {

  /** The schema this version of custody writes and reads (docs/evidence.md). */
  public static final String API_VERSION = "custody.dev/evidence/v1";

  /** Copies the lists. */
  public Evidence {
    signatures = List.copyOf(signatures);
    attestations = List.copyOf(attestations);
  }
}
