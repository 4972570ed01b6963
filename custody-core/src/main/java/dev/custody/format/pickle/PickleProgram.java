package dev.custody.format.pickle;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What reading a pickle input found: the events loading it would cause, in order, and whether the
 * reader got to the end. A failed read still lists every event before the failure, because the real
 * unpickler has already run those opcodes by the time it fails.
 */
public final class PickleProgram {
  private final List<PickleEvent> events;
  private final int pickles;
  private final long end;
  private final @Nullable Value result;
  private final @Nullable MalformedPickleException failure;

  PickleProgram(
      List<PickleEvent> events,
      int pickles,
      long end,
      @Nullable Value result,
      @Nullable MalformedPickleException failure) {
    this.events = List.copyOf(events);
    this.pickles = pickles;
    this.end = end;
    this.result = result;
    this.failure = failure;
  }

  /**
   * What the last complete pickle returned (the value its STOP popped), as far as the symbolic
   * machine knows it; empty when no pickle ended. Container formats use it to read the literal
   * counts and type names a loader acts on between pickles.
   */
  public Optional<Value> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Events in stream order (when a frame divergence forced a second reading, its events follow).
   */
  public List<PickleEvent> events() {
    return events;
  }

  /** How many pickles ended with STOP. */
  public int pickles() {
    return pickles;
  }

  /** Offset just past the last STOP read, or where reading failed. */
  public long end() {
    return end;
  }

  /** True when every byte was read as complete pickles within the limits. */
  public boolean completed() {
    return failure == null;
  }

  /** Why reading stopped early, if it did. */
  public Optional<MalformedPickleException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns this program if it completed.
   *
   * @throws MalformedPickleException the failure, if reading stopped early
   */
  public PickleProgram orThrow() throws MalformedPickleException {
    if (failure != null) {
      throw failure;
    }
    return this;
  }
}
