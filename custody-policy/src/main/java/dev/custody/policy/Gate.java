package dev.custody.policy;

import dev.custody.evidence.Evidence;
import dev.custody.gather.AttestationSource;
import dev.custody.gather.BomFiles;
import dev.custody.gather.BomSource;
import dev.custody.gather.EvidenceGatherer;
import dev.custody.gather.GatherException;
import dev.custody.gather.GatherOptions;
import dev.custody.scan.Scanner;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The question a service asks before it loads a model: may I use it here? The gate gathers the
 * model's evidence (scan, signatures against the policy's trust, attestations, bill of materials)
 * and evaluates the policy's rules over it.
 *
 * <pre>{@code
 * Gate gate = Gate.of(PolicyLoader.load(Path.of("policies/production.yaml")));
 * Decision decision = gate.check(Path.of("models/sentiment"));
 * if (!decision.allowed()) {
 *   throw new IllegalStateException("refusing the model: " + decision.denials());
 * }
 * }</pre>
 *
 * Thread-safe; each check gathers its own evidence.
 */
public final class Gate {
  private final CompiledPolicy policy;
  private final Scanner scanner;
  private final AttestationSource attestations;
  private final BomSource bom;
  private final Clock clock;

  private Gate(
      CompiledPolicy policy,
      Scanner scanner,
      AttestationSource attestations,
      BomSource bom,
      Clock clock) {
    this.policy = policy;
    this.scanner = scanner;
    this.attestations = attestations;
    this.bom = bom;
    this.clock = clock;
  }

  /**
   * A gate for {@code policy} with the standard scanner, no attestation source, and the bill of
   * materials facts of the model folder's own card and requirements ({@link BomFiles#inModel()}).
   */
  public static Gate of(CompiledPolicy policy) {
    return new Gate(
        policy, Scanner.standard(), AttestationSource.NONE, BomFiles.inModel(), Clock.systemUTC());
  }

  /** This gate taking attestations and bill-of-materials facts from these sources. */
  public Gate withSources(AttestationSource newAttestations, BomSource newBom) {
    return new Gate(policy, scanner, newAttestations, newBom, clock);
  }

  /** This gate with another scanner and clock (tests, services with their own thread budget). */
  public Gate with(Scanner newScanner, Clock newClock) {
    return new Gate(policy, newScanner, attestations, bom, newClock);
  }

  /** The policy this gate enforces. */
  public CompiledPolicy policy() {
    return policy;
  }

  /**
   * Decides on {@code model}, with its default signature.
   *
   * @throws GatherException if the model does not exist or cannot be read or hashed
   */
  public Decision check(Path model) throws GatherException {
    return check(model, GatherOptions.defaults());
  }

  /**
   * Decides on {@code model}.
   *
   * @throws GatherException if the model does not exist or cannot be read or hashed
   */
  public Decision check(Path model, GatherOptions options) throws GatherException {
    Evidence evidence =
        new EvidenceGatherer(scanner, policy.trust(), attestations, bom, clock)
            .gather(model, options);
    return policy.evaluate(evidence);
  }

  /** Decides on evidence gathered elsewhere (a registry, a saved evidence file). */
  public Decision evaluate(Evidence evidence) {
    return policy.evaluate(evidence);
  }
}
