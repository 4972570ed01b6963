package dev.custody.format.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pickles (protocols 0 to 5) without running them. The reader simulates CPython's C unpickler
 * symbolically and returns what loading would import and call, as a {@link PickleProgram}. Pickles
 * that follow one another in the input are all read, as {@code pickle.load} in a loop and PyTorch's
 * legacy format read them.
 *
 * <p>The reader is total: for any bytes it returns a program; when the bytes are not a complete
 * pickle, or a {@link Limits limit} is reached, the program says so ({@link
 * PickleProgram#completed()}) and still lists everything found before that point.
 *
 * <p>Where the C unpickler reads FRAMEs differently from an unbuffered file than from memory (an
 * opcode straddling a frame end), both readings are reported: the events of the second follow,
 * after a {@link PickleEvent.AnomalyKind#FRAME_DIVERGENCE} event.
 */
public final class PickleReader {
  private PickleReader() {}

  /**
   * Reads the bytes from {@code data.position()} to {@code data.limit()}; the buffer is untouched.
   */
  public static PickleProgram read(ByteBuffer data, Limits limits) {
    return read(data, limits, RawData.NONE);
  }

  /**
   * Reads as {@link #read(ByteBuffer, Limits)} does, stepping over the bytes {@code raw} says a
   * loader reads itself after a BUILD. When the input is read twice (see above), {@code raw} is
   * asked again for the same BUILDs.
   */
  public static PickleProgram read(ByteBuffer data, Limits limits, RawData raw) {
    PickleMachine linear =
        new PickleMachine(data.duplicate(), limits, PickleInput.Reading.LINEAR, raw).run();
    long divergence = linear.divergence();
    if (divergence < 0) {
      return new PickleProgram(
          linear.events(), linear.pickles(), linear.end(), linear.result(), linear.failure());
    }
    PickleMachine file =
        new PickleMachine(data.duplicate(), limits, PickleInput.Reading.UNBUFFERED_FILE, raw).run();
    List<PickleEvent> events = new ArrayList<>(linear.events());
    events.add(
        new PickleEvent.Anomaly(
            divergence,
            PickleEvent.AnomalyKind.FRAME_DIVERGENCE,
            "an opcode straddles the end of a FRAME; an unbuffered-file loader (torch.load,"
                + " pickle.load of BytesIO) skips the rest of the frame and reads other opcodes"));
    events.addAll(file.events());
    MalformedPickleException failure = linear.failure() != null ? linear.failure() : file.failure();
    return new PickleProgram(
        events, Math.max(linear.pickles(), file.pickles()), linear.end(), linear.result(), failure);
  }

  /** Reads a whole byte array. */
  public static PickleProgram read(byte[] data, Limits limits) {
    return read(ByteBuffer.wrap(data), limits);
  }

  /**
   * Reads at most {@code limits.maxBytes()} bytes of {@code in} (one more, to tell whether the
   * stream is longer) and reads them as pickles. The stream is not closed.
   *
   * @throws IOException if the stream cannot be read
   */
  public static PickleProgram read(InputStream in, Limits limits) throws IOException {
    byte[] bytes = in.readNBytes((int) limits.maxBytes() + 1);
    return read(ByteBuffer.wrap(bytes), limits);
  }
}
