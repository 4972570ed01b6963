package dev.custody.sign;

import java.security.cert.X509Certificate;

/**
 * A certificate authority trusted to vouch for signing certificates.
 *
 * @param name what the trust source calls the root (a file name, a policy entry)
 * @param certificate the root (or intermediate) certificate used as a trust anchor
 */
public record TrustedRoot(String name, X509Certificate certificate) {}
