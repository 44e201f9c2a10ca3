package org.phigate.audit.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.AuditRecords;
import org.phigate.audit.archive.Checkpoint;
import org.phigate.audit.archive.CheckpointException;
import org.phigate.audit.archive.SegmentFile;
import org.phigate.audit.merkle.MerkleHash;
import org.phigate.audit.merkle.MerkleProofs;
import org.phigate.audit.merkle.MerkleTree;

/**
 * A self-contained proof for one archived record, checkable without the archive: the record's canonical bytes, its
 * inclusion path to the latest signed checkpoint, and a consistency path from the first checkpoint that held it
 * (and optionally from an auditor's trusted checkpoint) to the latest.
 */
public final class RecordProof {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RecordProof() {}

  /** Builds the proof JSON for leaf index {@code record}. */
  public static String prove(ArchiveStore store, long record, byte[] trustedCheckpoint) throws IOException {
    MerkleTree tree = new MerkleTree();
    List<byte[]> checkpoints = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    byte[] leaf = null;
    for (String name : store.list(ArchiveLayout.SEGMENTS)) {
      long seq = ArchiveLayout.seq(name).orElseThrow(() -> new IOException("unexpected object " + name));
      for (byte[] data : SegmentFile.read(name, store.read(name)).leaves()) {
        if (tree.size() == record) {
          leaf = data;
        }
        tree.appendData(data);
      }
      checkpoints.add(store.read(ArchiveLayout.checkpoint(seq)));
      sizes.add(tree.size());
    }
    if (leaf == null) {
      throw new IOException("record " + record + " is not in the archive (it holds " + tree.size() + " records)");
    }
    long size = tree.size();
    int first = 0;
    while (sizes.get(first) <= record) {
      first++;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("leafIndex", record);
    out.put("treeSize", size);
    out.put("record", Replay.step(AuditRecords.decode(leaf)));
    out.put("leafData", Base64.getEncoder().encodeToString(leaf));
    out.put("inclusionPath", hex(tree.inclusionProof(record, size)));
    out.put("checkpoint", new String(checkpoints.get(checkpoints.size() - 1), StandardCharsets.UTF_8));
    List<Map<String, Object>> consistency = new ArrayList<>();
    consistency.add(consistency(checkpoints.get(first), sizes.get(first), tree, size));
    if (trustedCheckpoint != null) {
      String text = new String(trustedCheckpoint, StandardCharsets.UTF_8);
      long trustedSize = Long.parseLong(text.split("\n", 3)[1]);
      consistency.add(consistency(trustedCheckpoint, trustedSize, tree, size));
    }
    out.put("consistency", consistency);
    return JSON.writeValueAsString(out);
  }

  /** Checks a proof with the pinned key; returns null when it holds, else the first problem. */
  public static String check(String proofJson, PublicKey key, byte[] trustedCheckpoint) throws IOException {
    JsonNode p = JSON.readTree(proofJson);
    try {
      Checkpoint latest = Checkpoint.verify(p.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8), key);
      long index = p.get("leafIndex").asLong();
      byte[] leaf = Base64.getDecoder().decode(p.get("leafData").asText());
      if (latest.treeSize() != p.get("treeSize").asLong()) {
        return "treeSize " + p.get("treeSize").asLong() + " differs from the signed checkpoint's "
            + latest.treeSize();
      }
      if (!MerkleProofs.verifyInclusion(MerkleHash.leaf(leaf), index, latest.treeSize(),
          unhex(p.get("inclusionPath")), latest.root())) {
        return "the inclusion proof of record " + index + " does not lead to the signed root";
      }
      for (JsonNode c : p.get("consistency")) {
        Checkpoint from = Checkpoint.verify(c.get("fromCheckpoint").asText().getBytes(StandardCharsets.UTF_8), key);
        if (!MerkleProofs.verifyConsistency(from.treeSize(), latest.treeSize(), from.root(), latest.root(),
            unhex(c.get("path")))) {
          return "the checkpoint of size " + from.treeSize() + " is not consistent with the latest";
        }
      }
      if (trustedCheckpoint != null) {
        Checkpoint trusted = Checkpoint.verify(trustedCheckpoint, key);
        boolean covered = false;
        for (JsonNode c : p.get("consistency")) {
          covered |= c.get("fromCheckpoint").asText().equals(new String(trustedCheckpoint, StandardCharsets.UTF_8));
        }
        if (!covered && trusted.treeSize() != latest.treeSize()) {
          return "the proof has no consistency path from the trusted checkpoint (size " + trusted.treeSize() + ")";
        }
        if (trusted.treeSize() == latest.treeSize() && !java.util.Arrays.equals(trusted.root(), latest.root())) {
          return "the trusted checkpoint and the proof's checkpoint have the same size but different roots";
        }
      }
    } catch (CheckpointException e) {
      return "checkpoint " + e.getMessage();
    } catch (RuntimeException e) {
      return "malformed proof (" + e.getClass().getSimpleName() + ")";
    }
    return null;
  }

  private static Map<String, Object> consistency(byte[] from, long fromSize, MerkleTree tree, long size) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("fromCheckpoint", new String(from, StandardCharsets.UTF_8));
    c.put("path", hex(tree.consistencyProof(fromSize, size)));
    return c;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HexFormat.of()::formatHex).toList();
  }

  private static List<byte[]> unhex(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    array.forEach(n -> out.add(HexFormat.of().parseHex(n.asText())));
    return out;
  }
}
