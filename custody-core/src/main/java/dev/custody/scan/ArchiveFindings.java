package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.archive.ArchiveEntry;
import dev.custody.format.archive.ArchiveListing;
import dev.custody.format.archive.ArchiveProblem;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns what the archive readers report into findings: member hazards and early stops. */
final class ArchiveFindings {
  private final RuleBook rules;

  ArchiveFindings(RuleBook rules) {
    this.rules = rules;
  }

  /** The finding for a reader that stopped early. */
  Finding problem(ArchiveProblem problem, String subject) {
    ArchiveRule rule =
        switch (problem.kind()) {
          case MALFORMED -> ArchiveRule.MALFORMED;
          case BOMB -> ArchiveRule.BOMB;
          case LIMIT -> ArchiveRule.LIMIT_REACHED;
          case UNSUPPORTED -> ArchiveRule.UNSCANNABLE;
        };
    return rules
        .rule(rule)
        .finding(Location.at(problem.offset()), subject, capitalised(problem.message()) + ".");
  }

  /** The finding for a container nested deeper than the limit. */
  Finding tooDeep(int maxDepth, String subject) {
    return rules
        .rule(ArchiveRule.TOO_DEEP)
        .finding(
            Location.at(0),
            subject,
            "This container sits " + maxDepth + " containers deep, the most custody follows.");
  }

  /** Hazards of the members' names, links and types, in archive order. */
  List<Finding> hazards(ArchiveListing listing) {
    List<Finding> findings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> escapingLinks = new ArrayList<>();
    for (ArchiveEntry entry : listing.entries()) {
      String name = entry.name();
      String shown = Untrusted.escape(name);
      Location at = Location.at(entry.offset());
      if (isAbsolute(name)) {
        findings.add(
            rules
                .rule(ArchiveRule.ABSOLUTE_NAME)
                .finding(at, shown, "Member " + Untrusted.quote(name) + " has an absolute name."));
      }
      if (climbs(name)) {
        findings.add(
            rules
                .rule(ArchiveRule.TRAVERSAL)
                .finding(at, shown, "Member " + Untrusted.quote(name) + " climbs with \"..\"."));
      }
      String normal = normalise(name);
      for (String link : escapingLinks) {
        if (normal.startsWith(link + "/")) {
          findings.add(
              rules
                  .rule(ArchiveRule.LINK_ESCAPE)
                  .finding(
                      at,
                      shown,
                      "Member "
                          + Untrusted.quote(name)
                          + " is written through the escaping link "
                          + Untrusted.quote(link)
                          + "."));
          break;
        }
      }
      switch (entry.kind()) {
        case SYMLINK, HARDLINK -> {
          boolean symlink = entry.kind() == ArchiveEntry.Kind.SYMLINK;
          String target = entry.linkTarget();
          String base = symlink ? parent(normal) : "";
          boolean escapes = isAbsolute(target) || resolve(base, target) == null;
          String what =
              (symlink ? "Symbolic" : "Hard")
                  + " link "
                  + Untrusted.quote(name)
                  + " points to "
                  + Untrusted.quote(target)
                  + ".";
          if (escapes) {
            findings.add(
                rules
                    .rule(ArchiveRule.LINK_ESCAPE)
                    .finding(at, shown + " -> " + Untrusted.escape(target), what));
            escapingLinks.add(normal);
          } else {
            findings.add(
                rules
                    .rule(ArchiveRule.INTERNAL_LINK)
                    .finding(at, shown + " -> " + Untrusted.escape(target), what));
          }
        }
        case DEVICE, FIFO ->
            findings.add(
                rules
                    .rule(ArchiveRule.SPECIAL_FILE)
                    .finding(
                        at,
                        shown,
                        "Member "
                            + Untrusted.quote(name)
                            + " is a "
                            + (entry.kind() == ArchiveEntry.Kind.FIFO ? "FIFO" : "device node")
                            + "."));
        case FILE, DIRECTORY, OTHER -> {}
      }
      if (entry.kind() != ArchiveEntry.Kind.DIRECTORY && !seen.add(normal)) {
        findings.add(
            rules
                .rule(ArchiveRule.DUPLICATE_NAME)
                .finding(at, shown, "Member " + Untrusted.quote(name) + " appears again."));
      }
      if (entry.afterEnd()) {
        findings.add(
            rules
                .rule(ArchiveRule.AFTER_END)
                .finding(
                    at,
                    shown,
                    "Member " + Untrusted.quote(name) + " follows the end-of-archive marker."));
      }
    }
    return findings;
  }

  static boolean isAbsolute(String name) {
    return name.startsWith("/")
        || name.startsWith("\\")
        || (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':');
  }

  static boolean climbs(String name) {
    for (String part : name.split("[/\\\\]", -1)) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** {@code name} without empty and {@code .} components, separators unified. */
  static String normalise(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("[/\\\\]", -1)) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  private static String parent(String normal) {
    int slash = normal.lastIndexOf('/');
    return slash < 0 ? "" : normal.substring(0, slash);
  }

  /** {@code target} resolved against folder {@code base}, or null when it leaves the root. */
  static @org.jspecify.annotations.Nullable String resolve(String base, String target) {
    List<String> parts = new ArrayList<>();
    for (String part : (base + "/" + target).split("[/\\\\]", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  private static String capitalised(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}
