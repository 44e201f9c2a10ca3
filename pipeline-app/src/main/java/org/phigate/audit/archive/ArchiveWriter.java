package org.phigate.audit.archive;

import java.io.IOException;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.audit.merkle.CompactRange;
import org.phigate.audit.merkle.MerkleHash;
import org.phigate.schema.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends segments to an archive and seals each with a signed checkpoint. Single writer: the write-once store
 * fences a second writer (its segment name already exists). State (tree, positions, previous checkpoint) resumes
 * from the last checkpoint; a segment written just before a crash but not yet sealed is sealed on open.
 */
public final class ArchiveWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
  private final ArchiveStore store;
  private final KeyPair key;
  private final String origin;
  private final Map<String, Long> positions = new TreeMap<>();
  private CompactRange tree = new CompactRange();
  private String previous = Checkpoint.GENESIS;
  private long nextSeq;

  private ArchiveWriter(ArchiveStore store, KeyPair key, String origin) {
    this.store = store;
    this.key = key;
    this.origin = origin;
  }

  /** Opens the archive, resuming from its last checkpoint and sealing an unsealed last segment. */
  public static ArchiveWriter open(ArchiveStore store, KeyPair key, String origin) throws IOException {
    ArchiveWriter w = new ArchiveWriter(store, key, origin);
    List<String> checkpoints = store.list(ArchiveLayout.CHECKPOINTS);
    if (!checkpoints.isEmpty()) {
      String last = checkpoints.get(checkpoints.size() - 1);
      byte[] bytes = store.read(last);
      Checkpoint cp;
      try {
        cp = Checkpoint.verify(bytes, key.getPublic());
      } catch (CheckpointException e) {
        throw new IOException("cannot resume: checkpoint " + last + " " + e.getMessage());
      }
      if (!cp.origin().equals(origin)) {
        throw new IOException("cannot resume: " + last + " has origin '" + cp.origin() + "', configured '" + origin
            + "'");
      }
      w.tree = new CompactRange(cp.treeSize(), cp.peaks());
      if (!java.util.Arrays.equals(w.tree.root(), cp.root())) {
        throw new IOException("cannot resume: the peaks in " + last + " do not give its root");
      }
      w.positions.putAll(cp.positions());
      w.previous = sha256(bytes);
      w.nextSeq = ArchiveLayout.seq(last).orElseThrow() + 1;
    }
    String orphan = ArchiveLayout.segment(w.nextSeq);
    if (store.exists(orphan)) {
      w.sealOrphan(orphan);
    }
    if (store.exists(ArchiveLayout.segment(w.nextSeq))) {
      throw new IOException("cannot resume: segment " + ArchiveLayout.segment(w.nextSeq) + " exists beyond the "
          + "last checkpoint; the archive has more than one writer or was tampered with (run `phigate audit verify`)");
    }
    return w;
  }

  /** Writes one segment of records read from topic/partition [first..last] and its checkpoint; durable on return. */
  public synchronized Checkpoint append(String topic, int partition, long firstOffset, long lastOffset,
                                        List<AuditEvent> records) throws IOException {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("empty segment");
    }
    CompactRange next = tree.copy();
    records.forEach(r -> next.appendData(AuditRecords.encode(r)));
    SegmentFile.Header header = new SegmentFile.Header(nextSeq, origin, topic, partition, firstOffset, lastOffset,
        tree.size(), next.size(), HexFormat.of().formatHex(next.root()), previous);
    String name = ArchiveLayout.segment(nextSeq);
    byte[] segment = SegmentFile.write(header, records);
    store.create(name, segment);
    return seal(name, segment, header, next);
  }

  private void sealOrphan(String name) throws IOException {
    byte[] bytes = store.read(name);
    SegmentFile.Segment seg = SegmentFile.read(name, bytes);
    SegmentFile.Header h = seg.header();
    if (h.treeStart() != tree.size() || !h.previousCheckpoint().equals(previous) || !h.origin().equals(origin)) {
      throw new IOException("cannot resume: unsealed segment " + name + " does not continue the last checkpoint");
    }
    CompactRange next = tree.copy();
    seg.leaves().forEach(next::appendData);
    if (next.size() != h.treeSize() || !HexFormat.of().formatHex(next.root()).equals(h.rootHex())) {
      throw new IOException("cannot resume: unsealed segment " + name + " does not match its own header");
    }
    LOG.info("sealing segment {} written before a crash ({} records)", name, seg.records().size());
    seal(name, bytes, h, next);
  }

  private Checkpoint seal(String name, byte[] segment, SegmentFile.Header h, CompactRange next) throws IOException {
    Map<String, Long> after = new TreeMap<>(positions);
    after.merge(h.topic() + "/" + h.partition(), h.lastOffset() + 1, Math::max);
    Checkpoint cp = new Checkpoint(origin, next.size(), next.root(), previous, name, sha256(segment),
        next.size() - h.treeStart(), new TreeMap<>(after), next.peaks());
    byte[] signed = cp.sign(key.getPrivate(), key.getPublic());
    store.create(ArchiveLayout.checkpoint(h.seq()), signed);
    tree = next;
    positions.clear();
    positions.putAll(after);
    previous = sha256(signed);
    nextSeq = h.seq() + 1;
    return cp;
  }

  /** Next offset to read per "topic/partition", as sealed in the archive. */
  public synchronized Map<String, Long> positions() {
    return Map.copyOf(positions);
  }

  public synchronized long treeSize() {
    return tree.size();
  }

  public ArchiveStore store() {
    return store;
  }

  static String sha256(byte[] bytes) {
    java.security.MessageDigest sha = MerkleHash.sha256();
    return HexFormat.of().formatHex(sha.digest(bytes));
  }
}
