/**
 * Policies over a model's evidence: a YAML policy file (trust entries and CEL rules), compiled once
 * and evaluated within cost limits, and the {@link dev.custody.policy.Gate} a service calls before
 * loading a model, which answers with a {@link dev.custody.policy.Decision} that says which rule
 * allowed or denied the model and which values it looked at.
 */
@NullMarked
package dev.custody.policy;

import org.jspecify.annotations.NullMarked;
