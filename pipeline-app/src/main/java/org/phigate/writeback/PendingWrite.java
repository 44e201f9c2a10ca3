package org.phigate.writeback;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.phigate.catalog.Topics;
import org.phigate.schema.ApprovedResult;

/**
 * The write-back's own idempotency record for one review id, as kept in {@code writeback-delivery-store}: pending
 * (with the approved item, tokens only, and its retry schedule), written (with the resource id) or dead-lettered.
 * Holds no PHI, like the approved topic.
 *
 * @param state where the item stands
 * @param key the approved record's key
 * @param timestamp the approved record's timestamp
 * @param admittedMs wall-clock time the item was admitted (or replayed): the retry budget counts from here
 * @param attempts EHR attempts made so far; above zero, a write may have reached the EHR, so the next one reads back
 * @param nextAttemptMs wall-clock time the next attempt is due (pending), or when the item was settled
 * @param httpStatus the last HTTP status seen (0: none)
 * @param resourceType the written resource's type, when written
 * @param resourceId the written resource's id, when written
 * @param reason the last failure's reason code, if any
 * @param approved the approved item while pending; null once settled (the store keeps only the record)
 */
public record PendingWrite(State state, String key, long timestamp, long admittedMs, int attempts, long nextAttemptMs,
                           int httpStatus, String resourceType, String resourceId, String reason,
                           ApprovedResult approved) {
  /** The approved item keeps its topic's schema subject inside the store, so no changelog subject is registered. */
  private static final String SUBJECT_TOPIC = Topics.REVIEW_APPROVED.name();

  /** Where an item stands. */
  public enum State { PENDING, WRITTEN, DEAD_LETTERED }

  /** A newly admitted (or replayed) item, due at once. */
  public static PendingWrite admitted(String key, long timestamp, ApprovedResult approved, long nowMs) {
    return new PendingWrite(State.PENDING, key, timestamp, nowMs, 0, nowMs, 0, null, null, null, approved);
  }

  /** After a failed attempt that will be tried again at {@code nextMs}. */
  public PendingWrite retryAt(long nextMs, int status, String failure) {
    return new PendingWrite(State.PENDING, key, timestamp, admittedMs, attempts + 1, nextMs, status, resourceType,
        resourceId, failure, approved);
  }

  /** Settled as written. */
  public PendingWrite written(int attemptsMade, EhrWriter.WriteResult result, long nowMs) {
    return new PendingWrite(State.WRITTEN, key, timestamp, admittedMs, attemptsMade, nowMs, result.httpStatus(),
        result.resourceType(), result.resourceId(), null, null);
  }

  /** Settled as dead-lettered. */
  public PendingWrite deadLettered(int attemptsMade, int status, String failure, long nowMs) {
    return new PendingWrite(State.DEAD_LETTERED, key, timestamp, admittedMs, attemptsMade, nowMs, status, null, null,
        failure, null);
  }

  /** Serde of the store values: the fields, then the approved item in its topic's value format. */
  public static Serde<PendingWrite> serde(Serde<ApprovedResult> approvedSerde) {
    Serializer<PendingWrite> serializer = (topic, p) -> p == null ? null : write(topic, p, approvedSerde);
    Deserializer<PendingWrite> deserializer = (topic, bytes) -> bytes == null ? null
        : read(topic, bytes, approvedSerde);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static byte[] write(String topic, PendingWrite p, Serde<ApprovedResult> approvedSerde) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(p.state.ordinal());
      writeNullable(out, p.key);
      out.writeLong(p.timestamp);
      out.writeLong(p.admittedMs);
      out.writeInt(p.attempts);
      out.writeLong(p.nextAttemptMs);
      out.writeInt(p.httpStatus);
      writeNullable(out, p.resourceType);
      writeNullable(out, p.resourceId);
      writeNullable(out, p.reason);
      byte[] approved = p.approved == null ? null : approvedSerde.serializer().serialize(SUBJECT_TOPIC, p.approved);
      out.writeInt(approved == null ? -1 : approved.length);
      if (approved != null) {
        out.write(approved);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static PendingWrite read(String topic, byte[] bytes, Serde<ApprovedResult> approvedSerde) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      State state = State.values()[in.readByte()];
      String key = readNullable(in);
      long timestamp = in.readLong();
      long admitted = in.readLong();
      int attempts = in.readInt();
      long next = in.readLong();
      int status = in.readInt();
      String type = readNullable(in);
      String id = readNullable(in);
      String reason = readNullable(in);
      int length = in.readInt();
      ApprovedResult approved = null;
      if (length >= 0) {
        byte[] value = in.readNBytes(length);
        approved = approvedSerde.deserializer().deserialize(SUBJECT_TOPIC, value);
      }
      return new PendingWrite(state, key, timestamp, admitted, attempts, next, status, type, id, reason, approved);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
