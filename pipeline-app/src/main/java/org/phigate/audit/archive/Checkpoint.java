package org.phigate.audit.archive;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A signed tree head in the style of transparency-log checkpoints (C2SP signed-note): origin, tree size and base64
 * root on the first three lines, then PHIGate's extension lines (previous checkpoint hash, the segment it seals,
 * archive positions per partition, the compact-range peaks to resume the tree), a blank line, and an Ed25519
 * signature line "— origin base64(keyid || signature)" over the body.
 */
public record Checkpoint(String origin, long treeSize, byte[] root, String previous, String segmentName,
                         String segmentSha256, long segmentRecords, SortedMap<String, Long> positions,
                         List<byte[]> peaks) {
  /** The previous-checkpoint hash of the first checkpoint. */
  public static final String GENESIS = "0".repeat(64);
  private static final String DASH = "\u2014 ";

  public Checkpoint {
    positions = new TreeMap<>(positions);
    peaks = List.copyOf(peaks);
  }

  public String body() {
    StringBuilder b = new StringBuilder();
    b.append(origin).append('\n').append(treeSize).append('\n')
        .append(Base64.getEncoder().encodeToString(root)).append('\n')
        .append("previous ").append(previous).append('\n')
        .append("segment ").append(segmentName).append(' ').append(segmentSha256).append(' ')
        .append(segmentRecords).append('\n');
    positions.forEach((tp, next) -> b.append("position ").append(tp).append(' ').append(next).append('\n'));
    peaks.forEach(p -> b.append("peak ").append(Base64.getEncoder().encodeToString(p)).append('\n'));
    return b.toString();
  }

  /** The signed file: body, blank line, signature line. */
  public byte[] sign(PrivateKey key, PublicKey publicKey) {
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    byte[] sig = SigningKeys.sign(key, body);
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(SigningKeys.keyId(publicKey), 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    return signedFile(blob);
  }

  /** Parses and verifies a signed checkpoint with the pinned key; strict: the file must be exactly what sign wrote. */
  public static Checkpoint verify(byte[] file, PublicKey key) throws CheckpointException {
    String text = new String(file, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), file)) {
      throw new CheckpointException("is not valid UTF-8");
    }
    int split = text.indexOf("\n\n");
    if (split < 0 || !text.endsWith("\n")) {
      throw new CheckpointException("has no signature block (blank line + signature line)");
    }
    String body = text.substring(0, split + 1);
    String sigLine = text.substring(split + 2, text.length() - 1);
    Checkpoint cp = parseBody(body);
    String prefix = DASH + cp.origin() + " ";
    if (!sigLine.startsWith(prefix) || sigLine.contains("\n")) {
      throw new CheckpointException("has a malformed signature line (expected one line '— " + cp.origin()
          + " <base64>')");
    }
    byte[] blob = strictBase64(sigLine.substring(prefix.length()), "signature");
    if (blob.length != 68 || !Arrays.equals(Arrays.copyOf(blob, 4), SigningKeys.keyId(key))) {
      throw new CheckpointException("is not signed by the pinned public key (key id or length differs)");
    }
    if (!SigningKeys.verify(key, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, 68))) {
      throw new CheckpointException("has an invalid Ed25519 signature");
    }
    if (!Arrays.equals(cp.signedFile(blob), file)) {
      throw new CheckpointException("is not in canonical form");
    }
    return cp;
  }

  private byte[] signedFile(byte[] blob) {
    return (body() + "\n" + DASH + origin + " " + Base64.getEncoder().encodeToString(blob) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Checkpoint parseBody(String body) throws CheckpointException {
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 5) {
      throw new CheckpointException("has " + lines.length + " body lines, expected at least 5");
    }
    try {
      String origin = lines[0];
      long size = Long.parseLong(lines[1]);
      byte[] root = strictBase64(lines[2], "root hash");
      String previous = field(lines[3], "previous");
      String[] seg = field(lines[4], "segment").split(" ", -1);
      if (root.length != 32 || previous.length() != 64 || seg.length != 3 || size < 0) {
        throw new CheckpointException("has a malformed tree head or segment line");
      }
      HexFormat.of().parseHex(previous);
      SortedMap<String, Long> positions = new TreeMap<>();
      List<byte[]> peaks = new ArrayList<>();
      for (int i = 5; i < lines.length; i++) {
        if (lines[i].startsWith("position ")) {
          String[] p = field(lines[i], "position").split(" ", -1);
          positions.put(p[0], Long.parseLong(p[1]));
        } else {
          peaks.add(strictBase64(field(lines[i], "peak"), "peak"));
        }
      }
      return new Checkpoint(origin, size, root, previous, seg[0], seg[1], Long.parseLong(seg[2]), positions, peaks);
    } catch (RuntimeException e) {
      throw new CheckpointException("has a malformed body (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String field(String line, String name) throws CheckpointException {
    if (!line.startsWith(name + " ")) {
      throw new CheckpointException("has '" + line.split(" ")[0] + "' where '" + name + "' was expected");
    }
    return line.substring(name.length() + 1);
  }

  /** Base64 that must re-encode to the same text, so no unused bit or padding variant can hide a change. */
  private static byte[] strictBase64(String text, String what) throws CheckpointException {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
        throw new CheckpointException("has a non-canonical base64 " + what);
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("has an invalid base64 " + what);
    }
  }

  public String rootHex() {
    return HexFormat.of().formatHex(root);
  }

  /** Positions per "topic/partition" as a plain map. */
  public Map<String, Long> positionMap() {
    return positions;
  }
}
