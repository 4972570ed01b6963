/**
 * Signing and verifying models in the OpenSSF Model Signing format: keys, certificate chains, trust
 * sources and the verdict. The bundle bytes themselves are read and written by {@link
 * dev.custody.format.oms}.
 */
@NullMarked
package dev.custody.sign;

import org.jspecify.annotations.NullMarked;
