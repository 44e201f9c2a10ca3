package org.phigate.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal MLLP sender for the benchmark: frame, send, read the ACK frame, report whether it was AA. */
final class MllpSender implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  MllpSender(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = new BufferedOutputStream(socket.getOutputStream());
    in = new BufferedInputStream(socket.getInputStream());
  }

  boolean exchangeAa(byte[] message) throws IOException {
    out.write(0x0B);
    out.write(message);
    out.write(0x1C);
    out.write(0x0D);
    out.flush();
    StringBuilder ack = new StringBuilder();
    int b;
    while ((b = in.read()) != 0x1C) {
      if (b < 0) {
        throw new IOException("connection closed before the ACK");
      }
      if (b != 0x0B) {
        ack.append((char) b);
      }
    }
    in.read();
    return ack.toString().contains("\rMSA|AA|");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
