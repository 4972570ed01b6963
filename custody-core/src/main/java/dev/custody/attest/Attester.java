package dev.custody.attest;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleWriter;
import dev.custody.format.oms.ProvenanceWriter;
import dev.custody.internal.AtomicFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import dev.custody.provenance.Provenance;
import dev.custody.sign.StatementSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signs provenance: the SLSA statement in a DSSE envelope in a Sigstore bundle v0.3, with the same
 * keys and certificate chains as model signatures.
 *
 * <pre>{@code
 * Attestation attestation = new Attester(StatementSigner.withKey(key))
 *     .attest(provenance, Path.of("my-model.intoto.json"));
 * }</pre>
 */
public final class Attester {
  private final StatementSigner signer;

  /** An attester signing with {@code signer}. */
  public Attester(StatementSigner signer) {
    this.signer = signer;
  }

  /** Signs {@code provenance}; same provenance and key give the same statement bytes. */
  public Attestation sign(Provenance provenance) {
    Bundle bundle = signer.sign(ProvenanceWriter.write(provenance));
    return new Attestation(provenance, bundle, Bytes.copyOf(BundleWriter.write(bundle)));
  }

  /**
   * Signs {@code provenance} and writes the bundle to {@code output} atomically.
   *
   * @throws AttestationException if the file cannot be written
   */
  public Attestation attest(Provenance provenance, Path output) throws AttestationException {
    if (Files.isDirectory(output)) {
      throw new AttestationException(
          AttestationException.Kind.BAD_INPUT,
          "the attestation path "
              + Untrusted.quote(output.toString())
              + " is a folder; give a file name such as my-model.intoto.json",
          null);
    }
    Attestation attestation = sign(provenance);
    try {
      AtomicFiles.write(output, attestation.json().toByteArray());
    } catch (IOException e) {
      throw new AttestationException(
          AttestationException.Kind.OPERATIONAL,
          "could not write the attestation to "
              + Untrusted.quote(output.toString())
              + " ("
              + e
              + "); check that the folder exists and is writable",
          e);
    }
    return attestation;
  }
}
