package dev.custody.cli;

import dev.custody.attest.Attestation;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.internal.Untrusted;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.DependencyKind;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.RunDetails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The readable summaries of {@code attest} and {@code verify-attestation}. Everything from an
 * attestation is escaped: a signer may have put control characters in any name.
 */
final class ProvenanceText {
  private static final String NL = System.lineSeparator();
  private static final int SHOWN = 5;

  private ProvenanceText() {}

  static String attested(
      Path model, Attestation attestation, String signer, Path file, @Nullable String stored) {
    Provenance provenance = attestation.provenance();
    BuildDefinition build = provenance.buildDefinition();
    StringBuilder out = new StringBuilder();
    out.append("Attested ").append(Untrusted.quote(model.toString())).append(NL);
    line(out, "root digest", provenance.subject().digest().toString());
    line(out, "signed with", signer);
    line(
        out,
        "records",
        count(build.dependencies(DependencyKind.DATASET).size(), "dataset")
            + ", "
            + count(build.dependencies(DependencyKind.BASE_MODEL).size(), "base model")
            + ", "
            + count(build.dependencies(DependencyKind.CODE).size(), "code revision")
            + ", "
            + count(build.dependencies(DependencyKind.PYTHON_PACKAGE).size(), "package")
            + ", "
            + count(build.externalParameters().values().size(), "parameter")
            + ", "
            + count(provenance.runDetails().byproducts().size(), "byproduct"));
    line(out, "attestation", Untrusted.quote(file.toString()));
    if (stored != null) {
      line(out, "stored", stored);
    }
    return out.toString();
  }

  static String verified(String model, VerifiedAttestation verified) {
    Provenance provenance = verified.provenance();
    BuildDefinition build = provenance.buildDefinition();
    RunDetails run = provenance.runDetails();
    StringBuilder out = new StringBuilder();
    out.append("Verified provenance of ").append(Untrusted.quote(model)).append(NL);
    line(out, "root digest", provenance.subject().digest().toString());
    line(out, "attested by", verified.signer().describe());
    line(out, "trusted as", Untrusted.quote(verified.trustEntry()));
    line(out, "builder", Untrusted.escape(run.builderId()));
    line(out, "run", run(run));
    dependencies(out, "datasets", build.dependencies(DependencyKind.DATASET));
    dependencies(out, "base models", build.dependencies(DependencyKind.BASE_MODEL));
    dependencies(out, "code", build.dependencies(DependencyKind.CODE));
    line(out, "parameters", parameters(build.externalParameters().values()));
    dependencies(out, "packages", build.dependencies(DependencyKind.PYTHON_PACKAGE));
    dependencies(out, "frameworks", build.dependencies(DependencyKind.FRAMEWORK));
    if (!build.internalParameters().modelConfig().isEmpty()) {
      line(out, "model config", pairs(build.internalParameters().modelConfig()));
    }
    List<String> byproducts = new ArrayList<>();
    for (ResourceDescriptor byproduct : run.byproducts()) {
      byproducts.add(describe(byproduct));
    }
    line(out, "byproducts", byproducts.isEmpty() ? "none" : String.join("; ", byproducts));
    return out.toString();
  }

  private static String run(RunDetails run) {
    List<String> parts = new ArrayList<>();
    if (run.invocationId() != null) {
      parts.add(Untrusted.quote(run.invocationId()));
    }
    if (run.startedOn() != null || run.finishedOn() != null) {
      parts.add(
          (run.startedOn() == null ? "?" : run.startedOn().toString())
              + " to "
              + (run.finishedOn() == null ? "?" : run.finishedOn().toString()));
    }
    return parts.isEmpty() ? "no id or times recorded" : String.join(", ", parts);
  }

  private static void dependencies(
      StringBuilder out, String label, List<ResolvedDependency> dependencies) {
    if (dependencies.isEmpty()) {
      line(out, label, "none recorded");
      return;
    }
    List<String> shown = new ArrayList<>();
    for (ResolvedDependency dependency :
        dependencies.subList(0, Math.min(SHOWN, dependencies.size()))) {
      shown.add(describe(dependency.resource()));
    }
    String more =
        dependencies.size() > SHOWN ? "; and " + (dependencies.size() - SHOWN) + " more" : "";
    line(out, label, String.join("; ", shown) + more);
  }

  /** {@code name sha256:...}, or the URI with its commit. */
  private static String describe(ResourceDescriptor resource) {
    List<String> parts = new ArrayList<>();
    if (resource.name() != null) {
      parts.add(Untrusted.quote(resource.name()));
    }
    if (resource.uri() != null) {
      parts.add(Untrusted.escape(resource.uri()));
    }
    for (Map.Entry<String, String> digest : resource.digest().entrySet()) {
      if (!(resource.uri() != null && digest.getKey().equals("gitCommit"))) {
        parts.add(Untrusted.escape(digest.getKey()) + ":" + digest.getValue());
      }
    }
    if (resource.content() != null) {
      parts.add("(" + resource.content().length() + " bytes included)");
    }
    return String.join(" ", parts);
  }

  private static String parameters(Map<String, ParameterValue> values) {
    if (values.isEmpty()) {
      return "none recorded";
    }
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, ParameterValue> entry : values.entrySet()) {
      if (shown.size() == 3 * SHOWN) {
        shown.add("and " + (values.size() - shown.size()) + " more");
        break;
      }
      shown.add(
          Untrusted.escape(entry.getKey()) + "=" + Untrusted.escape(entry.getValue().display()));
    }
    return String.join(", ", shown);
  }

  private static String pairs(Map<String, String> values) {
    List<String> shown = new ArrayList<>();
    values.forEach((k, v) -> shown.add(Untrusted.escape(k) + "=" + Untrusted.escape(v)));
    return String.join(", ", shown);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("  ")
        .append(String.format(java.util.Locale.ROOT, "%-13s", label))
        .append(value)
        .append(NL);
  }
}
