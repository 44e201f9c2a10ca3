package org.phigate.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that PHIGate's serdes need.
 *
 * <p>Confluent's own Java client is not published on Maven Central, so PHIGate carries this small interface with a
 * REST implementation (works against Confluent, Apicurio's ccompat API, Karapace, Redpanda) and an in-memory one.
 */
public interface SchemaRegistryClient {

  /** Registers (or finds) schema under subject and returns its global id. */
  int register(String subject, Schema schema);

  /** Returns the schema with the given global id; throws {@link SchemaRegistryException} when unknown. */
  Schema getById(int id);

  /** Returns true when schema may be registered under subject under the subject's compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /** Returns the latest registered version under subject, or throws {@link SchemaRegistryException}. */
  RegisteredSchema latest(String subject);

  /** A schema as registered: subject, version and global id. */
  record RegisteredSchema(String subject, int version, int id, Schema schema) {}
}
