/**
 * PEM files of keys and certificates: the signer's private key (plain or encrypted PKCS#8, SEC1),
 * public keys and certificate chains. Read with limits, since a key path may point anywhere.
 */
@NullMarked
package dev.custody.format.pem;

import org.jspecify.annotations.NullMarked;
