package dev.custody.format.pickle;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Bytes a loader reads itself, in the middle of a pickle, after a BUILD: joblib's {@code
 * NumpyArrayWrapper} reads an array's data straight from the file, then unpickling goes on after
 * it. The reader asks after every BUILD how many such bytes follow and steps over them, so no copy
 * of the input is made and offsets stay those of the file.
 */
@FunctionalInterface
public interface RawData {
  /** No loader reads raw bytes: plain {@code pickle.load}. */
  RawData NONE = (build, events, input, at) -> 0;

  /**
   * How many bytes, from offset {@code at} just after the BUILD, the loader reads itself.
   *
   * @param build the BUILD just read
   * @param events everything read so far, the BUILD included (read-only)
   * @param input the whole input (read-only; offsets are positions in it)
   * @param at the offset after the BUILD opcode
   * @return 0 for none; more than the input holds after {@code at} ends the read as truncated
   */
  long after(PickleEvent.SetState build, List<PickleEvent> events, ByteBuffer input, long at);
}
