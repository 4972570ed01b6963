/**
 * Provenance attestations of training runs: gathering the facts from files ({@link
 * dev.custody.attest.ProvenanceInputs}, {@link dev.custody.attest.GitCheckout}), signing the SLSA
 * statement in a Sigstore bundle ({@link dev.custody.attest.Attester}) and verifying it against a
 * trust policy and the model in hand ({@link dev.custody.attest.AttestationVerifier} → {@link
 * dev.custody.attest.VerifiedAttestation}). The facts themselves are the value types of {@link
 * dev.custody.provenance}.
 */
@NullMarked
package dev.custody.attest;

import org.jspecify.annotations.NullMarked;
