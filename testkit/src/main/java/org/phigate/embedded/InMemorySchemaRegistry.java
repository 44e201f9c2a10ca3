package org.phigate.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.phigate.registry.SchemaRegistryClient;
import org.phigate.registry.SchemaRegistryClient.RegisteredSchema;
import org.phigate.registry.SchemaRegistryException;

/**
 * Thread-safe in-memory registry with Confluent semantics: global ids shared by identical schemas, versions per
 * subject, BACKWARD compatibility against the latest version. Used by unit tests and the embedded registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idBySchema.get(schema);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    if (!isCompatible(subject, schema)) {
      throw new SchemaRegistryException(
          "Schema being registered is incompatible with the latest version of subject " + subject, 409);
    }
    int id = existing != null ? existing : byId.size() + 1;
    byId.put(id, schema);
    idBySchema.put(schema, id);
    versions.add(id);
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("Schema " + id + " not found", 40403);
    }
    return schema;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      return true;
    }
    Schema latest = byId.get(versions.get(versions.size() - 1));
    return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException("Subject '" + subject + "' not found.", 40401);
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, versions.size(), id, byId.get(id));
  }

  /** Subjects registered so far. */
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  /** All versions (1-based order) of subject as global ids. */
  public synchronized List<Integer> versions(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException("Subject '" + subject + "' not found.", 40401);
    }
    return List.copyOf(versions);
  }
}
