package org.phigate.audit.auditor;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.Checkpoint;
import org.phigate.audit.archive.CheckpointException;
import org.phigate.audit.archive.SegmentFile;
import org.phigate.audit.merkle.CompactRange;
import org.phigate.audit.merkle.MerkleHash;
import org.phigate.audit.merkle.MerkleProofs;
import org.phigate.audit.merkle.MerkleTree;
import org.phigate.schema.AuditEvent;

/**
 * Verifies a whole archive with a public key pinned outside it: every checkpoint signature and hash link, every
 * segment's SHA-256 and header, the Merkle tree recomputed from the records, consistency between consecutive
 * checkpoints, inclusion of every record, no record archived twice, and (optionally) agreement with a checkpoint
 * the auditor verified earlier. Stops at the first problem and names it precisely.
 */
public final class ArchiveVerifier {
  private final ArchiveStore store;
  private final PublicKey key;

  public ArchiveVerifier(ArchiveStore store, PublicKey key) {
    this.store = store;
    this.key = key;
  }

  /** Thrown internally to stop at the first problem. */
  private static final class Problem extends Exception {
    Problem(String message) {
      super(message);
    }
  }

  public VerifyReport verify(byte[] trustedCheckpoint) throws IOException {
    long start = System.nanoTime();
    MerkleTree tree = new MerkleTree();
    List<AuditEvent> records = new ArrayList<>();
    long[] counts = new long[2];
    String problem = null;
    try {
      run(tree, records, counts, trustedCheckpoint);
    } catch (Problem p) {
      problem = p.getMessage();
    }
    return new VerifyReport(problem, counts[0], counts[1], tree.size(), HexFormat.of().formatHex(
        tree.root(tree.size())), (System.nanoTime() - start) / 1_000_000, records);
  }

  private void run(MerkleTree tree, List<AuditEvent> records, long[] counts, byte[] trusted)
      throws IOException, Problem {
    for (String p : store.integrityProblems()) {
      throw new Problem("storage: " + p);
    }
    List<String> segments = store.list(ArchiveLayout.SEGMENTS);
    List<String> checkpoints = store.list(ArchiveLayout.CHECKPOINTS);
    for (String name : concat(segments, checkpoints)) {
      if (ArchiveLayout.seq(name).isEmpty()) {
        throw new Problem("unexpected object " + name + " in the archive");
      }
    }
    long n = Math.max(segments.size(), checkpoints.size());
    for (long i = 0; i < n; i++) {
      if (i >= segments.size() || !segments.get((int) i).equals(ArchiveLayout.segment(i))) {
        throw new Problem(ArchiveLayout.segment(i) + " is missing (checkpoint " + i + " seals it)");
      }
      if (i >= checkpoints.size() || !checkpoints.get((int) i).equals(ArchiveLayout.checkpoint(i))) {
        throw new Problem(ArchiveLayout.checkpoint(i) + " is missing: segment " + i + " is not sealed by a "
            + "checkpoint (deleted, or the archiver stopped before sealing it: restart the archiver)");
      }
    }
    String origin = null;
    String previous = Checkpoint.GENESIS;
    byte[] previousRoot = MerkleHash.empty();
    Map<String, Long> positions = new HashMap<>();
    Map<String, String> seen = new HashMap<>();
    Map<Long, byte[]> roots = new HashMap<>();
    for (long i = 0; i < n; i++) {
      String cpName = ArchiveLayout.checkpoint(i);
      String segName = ArchiveLayout.segment(i);
      byte[] cpBytes = store.read(cpName);
      Checkpoint cp;
      try {
        cp = Checkpoint.verify(cpBytes, key);
      } catch (CheckpointException e) {
        throw new Problem(cpName + " " + e.getMessage());
      }
      origin = origin == null ? cp.origin() : origin;
      check(cp.origin().equals(origin), cpName + " has origin '" + cp.origin() + "', earlier ones '" + origin + "'");
      check(cp.previous().equals(previous), cpName + " links to previous checkpoint " + cp.previous()
          + " but the SHA-256 of " + (i == 0 ? "(genesis)" : ArchiveLayout.checkpoint(i - 1)) + " is " + previous);
      check(cp.segmentName().equals(segName), cpName + " seals " + cp.segmentName() + ", expected " + segName);
      byte[] segBytes = store.read(segName);
      String sha = sha256(segBytes);
      check(sha.equals(cp.segmentSha256()), segName + " has SHA-256 " + sha + " but " + cpName + " sealed "
          + cp.segmentSha256() + ": the segment was changed after it was archived");
      SegmentFile.Segment seg;
      try {
        seg = SegmentFile.read(segName, segBytes);
      } catch (IOException e) {
        throw new Problem(e.getMessage());
      }
      SegmentFile.Header h = seg.header();
      long size0 = tree.size();
      check(h.seq() == i && h.origin().equals(origin) && h.previousCheckpoint().equals(previous),
          segName + " header (seq, origin, previous checkpoint) does not match its place in the archive");
      check(h.treeStart() == size0 && h.treeSize() == cp.treeSize()
          && cp.treeSize() - size0 == seg.records().size() && cp.segmentRecords() == seg.records().size(),
          segName + " holds " + seg.records().size() + " records for tree positions " + h.treeStart() + ".."
              + h.treeSize() + " but " + cpName + " says " + size0 + ".." + cp.treeSize());
      String tp = h.topic() + "/" + h.partition();
      long before = positions.getOrDefault(tp, Long.MIN_VALUE);
      check(h.firstOffset() >= before && h.lastOffset() >= h.firstOffset()
          && h.lastOffset() - h.firstOffset() + 1 >= seg.records().size(),
          segName + " offsets " + h.firstOffset() + ".." + h.lastOffset() + " of " + tp + " overlap earlier "
              + "segments or cannot hold its records");
      positions.put(tp, h.lastOffset() + 1);
      check(positions.equals(cp.positions()), cpName + " positions " + cp.positions()
          + " differ from the segments' offsets " + positions);
      for (int j = 0; j < seg.records().size(); j++) {
        AuditEvent e = seg.records().get(j);
        String where = segName + " record " + j;
        String earlier = seen.put(e.getAuditId(), where);
        check(earlier == null, "audit record " + e.getAuditId() + " is archived twice (" + earlier + ", " + where
            + ")");
        tree.appendData(seg.leaves().get(j));
        records.add(e);
      }
      byte[] root = tree.root(tree.size());
      check(Arrays.equals(root, cp.root()), cpName + " root " + cp.rootHex() + " differs from the tree recomputed "
          + "from the records at size " + tree.size() + " (" + HexFormat.of().formatHex(root) + ")");
      check(h.rootHex().equals(cp.rootHex()), segName + " header root differs from " + cpName);
      check(Arrays.equals(new CompactRange(cp.treeSize(), cp.peaks()).root(), root), cpName + " peaks do not "
          + "give its root");
      check(MerkleProofs.verifyConsistency(size0, tree.size(), previousRoot, root,
          tree.consistencyProof(size0, tree.size())), cpName + " is not consistent with the previous checkpoint");
      roots.put(tree.size(), root);
      previous = sha256(cpBytes);
      previousRoot = root;
      counts[0]++;
      counts[1]++;
    }
    long size = tree.size();
    byte[] root = tree.root(size);
    for (long j = 0; j < size; j++) {
      check(MerkleProofs.verifyInclusion(tree.leafHash(j), j, size, tree.inclusionProof(j, size), root),
          "record " + j + " has no valid inclusion proof in the tree of size " + size);
    }
    if (trusted != null) {
      checkTrusted(trusted, tree, roots);
    }
  }

  private void checkTrusted(byte[] trusted, MerkleTree tree, Map<Long, byte[]> roots) throws Problem {
    Checkpoint t;
    try {
      t = Checkpoint.verify(trusted, key);
    } catch (CheckpointException e) {
      throw new Problem("the trusted checkpoint " + e.getMessage());
    }
    long size = tree.size();
    check(t.treeSize() <= size, "the archive holds " + size + " records, fewer than the " + t.treeSize()
        + " of the trusted checkpoint: records were removed or the archive was replaced");
    check(roots.containsKey(t.treeSize()) || t.treeSize() == 0, "no archive checkpoint has the trusted "
        + "checkpoint's size " + t.treeSize() + ": the archive was rewritten");
    check(Arrays.equals(tree.root(t.treeSize()), t.root()), "the archive's tree at the trusted size "
        + t.treeSize() + " has root " + HexFormat.of().formatHex(tree.root(t.treeSize())) + ", the trusted "
        + "checkpoint " + t.rootHex() + ": the archive was rewritten");
    check(MerkleProofs.verifyConsistency(t.treeSize(), size, t.root(), tree.root(size),
        tree.consistencyProof(t.treeSize(), size)), "the archive is not consistent with the trusted checkpoint");
  }

  private static void check(boolean ok, String problem) throws Problem {
    if (!ok) {
      throw new Problem(problem);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(MerkleHash.sha256().digest(bytes));
  }
}
