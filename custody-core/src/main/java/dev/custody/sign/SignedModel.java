package dev.custody.sign;

import dev.custody.format.oms.Bundle;
import dev.custody.model.Manifest;
import java.nio.file.Path;

/**
 * The outcome of signing a model.
 *
 * @param manifest what was signed
 * @param bundle the signature
 * @param signatureFile where the signature was written
 * @param curve the signing key's curve
 * @param keyHint the signing key's OMS hint (SHA-256 of its public key PEM)
 */
public record SignedModel(
    Manifest manifest, Bundle bundle, Path signatureFile, Curve curve, String keyHint) {}
