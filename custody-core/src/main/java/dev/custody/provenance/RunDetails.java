package dev.custody.provenance;

import dev.custody.internal.Untrusted;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SLSA's {@code runDetails}: who ran the training, when, and what it left besides the model.
 *
 * @param builderId the URI of the builder (the platform or person that ran the training)
 * @param invocationId the run's identifier in the builder (a job or run id), if known
 * @param startedOn when the run started, if known
 * @param finishedOn when the run finished, if known
 * @param byproducts metrics and logs, each with its digest (metrics also with their content)
 */
public record RunDetails(
    String builderId,
    @Nullable String invocationId,
    @Nullable Instant startedOn,
    @Nullable Instant finishedOn,
    List<ResourceDescriptor> byproducts) {
  /** The most byproducts one run records. */
  public static final int MAX_BYPRODUCTS = 1_000;

  /** Checks the fields and copies the byproducts. */
  public RunDetails {
    Checks.text(builderId, "a builder id");
    if (invocationId != null) {
      Checks.text(invocationId, "an invocation id");
    }
    if (startedOn != null && finishedOn != null && finishedOn.isBefore(startedOn)) {
      throw new IllegalArgumentException(
          "the run finished ("
              + finishedOn
              + ") before it started ("
              + startedOn
              + "); check the times");
    }
    byproducts = List.copyOf(byproducts);
    if (byproducts.size() > MAX_BYPRODUCTS) {
      throw new IllegalArgumentException(
          "more than " + MAX_BYPRODUCTS + " byproducts (" + byproducts.size() + ")");
    }
    if (builderId.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "builder id " + Untrusted.quote(builderId) + " holds white space (expected a URI)");
    }
  }
}
