package org.phigate.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An MLLP sender over a plain socket, the way engines send: frame, wait for the ACK frame, next. */
public final class MllpClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private MllpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  public static MllpClient connect(int port) throws IOException {
    return new MllpClient(new Socket("127.0.0.1", port));
  }

  public void send(byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x0B);
    frame.writeBytes(payload);
    frame.write(0x1C);
    frame.write(0x0D);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** The next ACK (without framing), or null when the server closed the connection. */
  public String readAck() throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        return null;
      }
    } while (b != 0x0B);
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    while ((b = in.read()) != 0x1C) {
      if (b < 0) {
        return null;
      }
      ack.write(b);
    }
    in.read();
    return ack.toString(StandardCharsets.ISO_8859_1);
  }

  public String exchange(String message) throws IOException {
    send(message.getBytes(StandardCharsets.ISO_8859_1));
    return readAck();
  }

  public static String ackCode(String ack) {
    return field(ack, "MSA", 1);
  }

  /** Field n of the first segment named seg. */
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
