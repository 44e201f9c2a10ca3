package org.phigate.intake.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads MLLP frames ({@code 0x0B payload 0x1C 0x0D}) from a stream, however the bytes are split across reads.
 * Whitespace between frames is skipped; other bytes ended by an end block without a start block are returned as a
 * {@link Kind#NO_START} frame (its head), so the sender's mistake is answered and dead-lettered, not lost;
 * a start block inside a frame restarts it (the sender abandoned the first);
 * a frame over the limit is read to its end but only its head is kept, so its MSH can still be acknowledged.
 *
 * <p>With an {@link InflightBudget}, the frame buffer's growth beyond its first {@value #INITIAL} bytes is taken
 * from the budget (waiting for room when it is used up) and given back by {@link #release()} once the frame has been
 * answered; a frame that gets no room in time is read to its end keeping only its head, as {@link Kind#BUSY}.
 */
final class MllpFrameReader {
  static final int START = 0x0B;
  static final int END = 0x1C;
  static final int CR = 0x0D;
  private static final int HEAD = 4096;
  private static final int INITIAL = 16 * 1024;

  /** How a frame was read. */
  enum Kind { COMPLETE, OVERSIZED, BUSY, NO_START }

  /** One frame: its payload, or (oversized, busy) its first bytes; and its full length. */
  record Frame(byte[] payload, Kind kind, long length) {}

  private final InputStream in;
  private final int maxFrame;
  private final InflightBudget budget;
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;
  private byte[] frame = new byte[INITIAL];
  private int size;
  private int charged;
  private boolean busy;

  MllpFrameReader(InputStream in, int maxFrame) {
    this(in, maxFrame, null);
  }

  /** A reader whose frame buffer is bounded by budget too (null: only by maxFrame). */
  MllpFrameReader(InputStream in, int maxFrame, InflightBudget budget) {
    this.in = in;
    this.maxFrame = maxFrame;
    this.budget = budget;
  }

  /** The next frame, or null at end of stream (a partial frame at end of stream was never sent, so no ACK). */
  Frame next() throws IOException {
    int b;
    long stray = 0;
    restart();
    while (true) {
      b = read();
      if (b < 0) {
        return null;
      }
      if (b == START) {
        break;
      }
      if (b == END && stray > 0) {
        int after = read();
        if (after != CR && after >= 0) {
          pos--;
        }
        Frame unframed = new Frame(Arrays.copyOf(frame, size), Kind.NO_START, stray);
        size = 0;
        return unframed;
      }
      if (stray > 0 || (b != CR && b != '\n' && b != ' ' && b != '\t' && b != END)) {
        stray++;
        if (size < HEAD) {
          frame[size++] = (byte) b;
        }
      }
    }
    restart();
    long length = 0;
    while (true) {
      // the bytes up to the next block character are copied as a run, not one by one
      int run = run();
      if (run > 0) {
        length = appendRun(run, length);
      }
      b = read();
      if (b < 0) {
        return null;
      }
      if (b == END) {
        int after = read();
        if (after != CR && after >= 0) {
          pos--; // lenient: a missing CR after the end block still ends the frame; the byte belongs to what follows
        }
        return finish(length);
      }
      if (b == START) {
        restart();
        length = 0;
        continue;
      }
      length++;
      if ((length <= maxFrame && !busy) || size < HEAD) {
        append((byte) b);
      }
    }
  }

  /**
   * Gives the budget back once the last frame returned by {@link #next()} has been answered; its payload is no
   * longer held by this connection. Also to be called when the connection ends.
   */
  void release() {
    if (budget != null) {
      budget.release(charged);
    }
    charged = 0;
  }

  /** Bytes of the budget this connection holds. */
  int charged() {
    return charged;
  }

  private void restart() {
    size = 0;
    busy = false;
    if (frame.length > INITIAL) {
      frame = new byte[INITIAL];
    }
    release();
  }

  private Frame finish(long length) {
    Kind kind = length > maxFrame ? Kind.OVERSIZED : busy ? Kind.BUSY : Kind.COMPLETE;
    byte[] payload = Arrays.copyOf(frame, kind == Kind.COMPLETE ? size : Math.min(size, HEAD));
    frame = frame.length > INITIAL ? new byte[INITIAL] : frame;
    if (kind != Kind.COMPLETE) {
      release(); // only the head is kept
    }
    // a complete frame's charge stays until release(): it now covers the payload, never larger than the buffer was
    busy = false;
    return new Frame(payload, kind, length);
  }

  /** Bytes from pos on that are neither an end nor a start block, within what has been read. */
  private int run() {
    int i = pos;
    while (i < limit && buffer[i] != END && buffer[i] != START) {
      i++;
    }
    return i - pos;
  }

  /** Takes a run of frame bytes as the byte-by-byte rule would (kept while within the limit, or the head). */
  private long appendRun(int run, long length) {
    if (!busy && length + run <= maxFrame && size + run <= frame.length) {
      System.arraycopy(buffer, pos, frame, size, run);
      size += run;
      pos += run;
      return length + run;
    }
    long n = length;
    for (int k = 0; k < run; k++) {
      n++;
      byte b = buffer[pos++];
      if ((n <= maxFrame && !busy) || size < HEAD) {
        append(b);
      }
    }
    return n;
  }

  private void append(byte b) {
    if (size == frame.length && !grow()) {
      return;
    }
    frame[size++] = b;
  }

  /** Doubles the buffer within the frame limit and the budget; false when the budget had no room in time. */
  private boolean grow() {
    int capacity = Math.min(Math.max(frame.length * 2, 16), Math.max(maxFrame, HEAD) + 1);
    int more = capacity - Math.max(frame.length, INITIAL);
    if (budget != null && more > 0) {
      if (!budget.acquire(more)) {
        // no room: keep only the head (the buffer shrinks back), read the rest of the frame without keeping it
        busy = true;
        frame = Arrays.copyOf(frame, INITIAL);
        size = Math.min(size, HEAD);
        release();
        return size < HEAD;
      }
      charged += more;
    }
    frame = Arrays.copyOf(frame, capacity);
    return true;
  }

  private int read() throws IOException {
    if (pos == limit) {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      limit = n;
    }
    return buffer[pos++] & 0xff;
  }
}
