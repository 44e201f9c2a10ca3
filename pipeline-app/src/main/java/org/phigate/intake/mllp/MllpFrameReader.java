package org.phigate.intake.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads MLLP frames ({@code 0x0B payload 0x1C 0x0D}) from a stream, however the bytes are split across reads.
 * Bytes outside a frame are skipped; a start block inside a frame restarts it (the sender abandoned the first);
 * a frame over the limit is read to its end but only its head is kept, so its MSH can still be acknowledged.
 */
final class MllpFrameReader {
  static final int START = 0x0B;
  static final int END = 0x1C;
  static final int CR = 0x0D;
  private static final int HEAD = 4096;

  /** One frame: its payload, or (oversized) its first bytes and its full length. */
  record Frame(byte[] payload, boolean oversized, long length) {}

  private final InputStream in;
  private final int maxFrame;
  private final byte[] buffer = new byte[16 * 1024];
  private int pos;
  private int limit;
  private byte[] frame = new byte[8 * 1024];
  private int size;

  MllpFrameReader(InputStream in, int maxFrame) {
    this.in = in;
    this.maxFrame = maxFrame;
  }

  /** The next frame, or null at end of stream (a partial frame at end of stream was never sent, so no ACK). */
  Frame next() throws IOException {
    int b;
    do {
      b = read();
      if (b < 0) {
        return null;
      }
    } while (b != START);
    size = 0;
    long length = 0;
    while (true) {
      b = read();
      if (b < 0) {
        return null;
      }
      if (b == END) {
        int after = read();
        if (after == CR || after < 0) {
          return finish(length);
        }
        pos--; // lenient: a missing CR after the end block still ends the frame; the byte belongs to what follows
        return finish(length);
      }
      if (b == START) {
        size = 0;
        length = 0;
        continue;
      }
      length++;
      if (length <= maxFrame || size < HEAD) {
        append((byte) b);
      }
    }
  }

  private Frame finish(long length) {
    boolean oversized = length > maxFrame;
    byte[] payload = Arrays.copyOf(frame, oversized ? Math.min(size, HEAD) : size);
    if (frame.length > 1024 * 1024) {
      frame = new byte[8 * 1024];
    }
    return new Frame(payload, oversized, length);
  }

  private void append(byte b) {
    if (size == frame.length) {
      frame = Arrays.copyOf(frame, Math.min(Math.max(frame.length * 2, 16), Math.max(maxFrame, HEAD) + 1));
    }
    frame[size++] = b;
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
