package org.phigate.catalog;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes outside its trusted list when it resolves specific records by name
 * (reading, deep copies). PHIGate's generated schema classes are added to that list once per JVM.
 */
public final class AvroTrust {
  private static final String SCHEMA_PACKAGE = "org.phigate.schema.";
  private static volatile boolean installed;

  private AvroTrust() {}

  public static synchronized void install() {
    if (!installed) {
      ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
          type -> type.getName().startsWith(SCHEMA_PACKAGE)));
      installed = true;
    }
  }
}
