package org.phigate.security.keys;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A data key as the key store holds it: wrapped by a KEK version, never in plaintext. {@link #encode} is its value
 * on the key topic (a version byte, the KEK id, the wrapped key and its creation time).
 */
public record StoredKey(String id, String kekId, byte[] wrapped, Instant created) {
  private static final int FORMAT = 1;

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(kekId);
      out.writeShort(wrapped.length);
      out.write(wrapped);
      out.writeLong(created.toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a value written by {@link #encode}; throws {@link KeyException} on an unknown format. */
  public static StoredKey decode(String id, byte[] value) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(value))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new KeyException("data key " + id + " has unknown format " + format);
      }
      String kekId = in.readUTF();
      byte[] wrapped = new byte[in.readUnsignedShort()];
      in.readFully(wrapped);
      return new StoredKey(id, kekId, wrapped, Instant.ofEpochMilli(in.readLong()));
    } catch (IOException e) {
      throw new KeyException("data key " + id + " does not decode", e);
    }
  }

  /** The value of a destroyed marker: when and by which request the key was destroyed (no key material). */
  public static byte[] destroyedMarker(Instant at, String requestId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(at.toEpochMilli());
      out.write(requestId.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
