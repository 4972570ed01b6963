package dev.custody.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The verbs under {@code custody}, built only when a command line needs them. picocli reads every
 * command's annotations by reflection when the command is added (an annotation proxy per option),
 * and that was most of a short run's start-up: building all twelve verbs took about as long as
 * scanning a 2 GiB checkpoint. A command line that names its verb first gets only that verb; any
 * other (no verb, {@code help}, an option before the verb, a mistyped verb) gets them all, so the
 * root's usage, {@code custody help VERB} and the unknown-verb message are unchanged.
 */
final class Verbs {
  /** Every verb, in the order {@code custody --help} lists them. */
  static final List<String> NAMES =
      List.of(
          "scan",
          "digest",
          "keygen",
          "sign",
          "verify",
          "bom",
          "attest",
          "verify-attestation",
          "lineage",
          "check",
          "policy",
          "help");

  private Verbs() {}

  /**
   * The verbs the command line can reach: the one it names, or all of them. Only {@code --verbose}
   * may come before a verb that is built alone; a root option such as {@code --help} prints the
   * whole list.
   */
  static List<String> needed(String... args) {
    for (String arg : args) {
      if (arg.equals("--verbose")) {
        continue;
      }
      return NAMES.contains(arg) && !arg.equals("help") ? List.of(arg) : NAMES;
    }
    return NAMES;
  }

  /** Adds the verbs to the root command, in {@link #NAMES} order. */
  static void addTo(CommandLine root, List<String> verbs) {
    for (String verb : verbs) {
      root.addSubcommand(create(verb));
    }
  }

  /** A new command object for the verb (a switch rather than reflection or lambdas: cheaper). */
  static Object create(String verb) {
    return switch (verb) {
      case "scan" -> new ScanCommand();
      case "digest" -> new DigestCommand();
      case "keygen" -> new KeygenCommand();
      case "sign" -> new SignCommand();
      case "verify" -> new VerifyCommand();
      case "bom" -> new BomCommand();
      case "attest" -> new AttestCommand();
      case "verify-attestation" -> new VerifyAttestationCommand();
      case "lineage" -> new LineageCommand();
      case "check" -> new CheckCommand();
      case "policy" -> new PolicyCommand();
      case "help" -> new HelpCommand();
      default -> throw new IllegalArgumentException("not a custody verb: " + verb);
    };
  }
}
