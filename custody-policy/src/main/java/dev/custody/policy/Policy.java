package dev.custody.policy;

import java.util.List;

/**
 * A policy file as written: its name, whom it trusts, and its rules.
 *
 * @param file the file name, as the caller named it (for messages)
 * @param name the policy's name
 * @param description what the policy is for (may be empty)
 * @param trust the trust entries, in file order
 * @param rules the rules, in file order
 */
public record Policy(
    String file, String name, String description, List<TrustEntry> trust, List<PolicyRule> rules) {
  /** The apiVersion policy files carry. */
  public static final String API_VERSION = "custody.dev/v1";

  /** Copies the lists. */
  public Policy {
    trust = List.copyOf(trust);
    rules = List.copyOf(rules);
  }
}
