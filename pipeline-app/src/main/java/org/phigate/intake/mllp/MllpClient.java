package org.phigate.intake.mllp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An MLLP sender the way engines send: one socket, frame, wait for the ACK frame, next (tests and the benchmark). */
public final class MllpClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final MllpFrameReader in;

  public MllpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new MllpFrameReader(socket.getInputStream(), 1024 * 1024);
  }

  public static MllpClient connect(int port) throws IOException {
    return new MllpClient(new Socket("127.0.0.1", port));
  }

  /** Writes one framed message. */
  public void send(byte[] payload) throws IOException {
    // one write per frame: four small writes meet Nagle's algorithm and the server's delayed ACK (~40 ms a frame)
    byte[] frame = new byte[payload.length + 3];
    frame[0] = (byte) MllpFrameReader.START;
    System.arraycopy(payload, 0, frame, 1, payload.length);
    frame[payload.length + 1] = (byte) MllpFrameReader.END;
    frame[payload.length + 2] = (byte) MllpFrameReader.CR;
    out.write(frame);
    out.flush();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next ACK as a string, or null when the server closed the connection. */
  public String readAck() throws IOException {
    MllpFrameReader.Frame frame = in.next();
    return frame == null ? null : new String(frame.payload(), StandardCharsets.ISO_8859_1);
  }

  public String exchange(String message) throws IOException {
    return exchange(message.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends one message and returns its ACK, or null when the server closed the connection. */
  public String exchange(byte[] message) throws IOException {
    send(message);
    return readAck();
  }

  /** MSA-1 of an ACK. */
  public static String ackCode(String ack) {
    return field(ack, "MSA", 1);
  }

  /** Field n of the first segment named seg (| separated). */
  public static String field(String message, String seg, int n) {
    for (String segment : message.split("\r")) {
      if (segment.startsWith(seg + "|")) {
        String[] f = segment.split("\\|", -1);
        int index = seg.equals("MSH") ? n - 1 : n;
        return index < f.length ? f[index] : "";
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
