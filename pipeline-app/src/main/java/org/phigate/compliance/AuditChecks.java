package org.phigate.compliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.config.ArchiverConfig;
import org.phigate.runtime.Role;

/** 164.312(b) and (c) for the audit trail: an Object Lock archive and signed checkpoints. */
final class AuditChecks {
  private static final int RETENTION_YEARS = 6;

  private AuditChecks() {}

  static List<Check> all() {
    return List.of(Check.of("AU-ARCHIVE-LOCK", AuditChecks::archive),
        Check.of("IN-AUDIT-SIGNING", AuditChecks::signing));
  }

  private static Outcome archive(Deployment d) {
    if (!d.has(Role.AUDIT_ARCHIVER)) {
      return Outcome.notApplicable("no audit-archiver role in the selected roles");
    }
    String uri = d.get(ArchiverConfig.URI).trim();
    int years = d.get(ArchiverConfig.S3_RETENTION_YEARS);
    if (!uri.startsWith("s3://")) {
      return Outcome.fail(List.of("the archive is a local directory (" + (uri.isEmpty()
          ? ArchiverConfig.DIR.name() + "=" + d.get(ArchiverConfig.DIR) : ArchiverConfig.URI.name() + "=" + uri)
          + "): write-once by file mode only, without Object Lock an administrator can delete it"));
    }
    if (years < RETENTION_YEARS) {
      return Outcome.fail(List.of(ArchiverConfig.URI.name() + "=" + uri + " with " + ArchiverConfig.S3_RETENTION_YEARS
          .name() + "=" + years + ", below " + RETENTION_YEARS + " years"));
    }
    return Outcome.pass(List.of(ArchiverConfig.URI.name() + "=" + uri + ": every segment and checkpoint written "
        + "with Object Lock COMPLIANCE retention of " + years + " years"));
  }

  private static Outcome signing(Deployment d) {
    if (!d.has(Role.AUDIT_ARCHIVER)) {
      return Outcome.notApplicable("no audit-archiver role in the selected roles");
    }
    String file = d.get(ArchiverConfig.SIGNING_KEY_FILE).trim();
    if (file.isEmpty()) {
      return Outcome.fail(List.of(ArchiverConfig.SIGNING_KEY_FILE.name() + " is not set: checkpoints are unsigned"));
    }
    KeyPair pair;
    try {
      pair = SigningKeys.readPair(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return Outcome.fail(List.of(ArchiverConfig.SIGNING_KEY_FILE.name() + "=" + file + " does not hold an Ed25519 "
          + "key pair (" + e.getClass().getSimpleName() + ")"));
    }
    String keyId = HexFormat.of().formatHex(SigningKeys.keyId(pair.getPublic()));
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(Path.of(file));
      if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        return Outcome.fail(List.of(ArchiverConfig.SIGNING_KEY_FILE.name() + "=" + file + " is readable beyond its "
            + "owner (" + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + ")"));
      }
    } catch (UnsupportedOperationException | IOException e) {
      return Outcome.pass(List.of("checkpoints signed with Ed25519 key id " + keyId + " from " + file
          + " (file permissions not readable on this file system)"));
    }
    return Outcome.pass(List.of("checkpoints signed with Ed25519 key id " + keyId + " from " + file
        + ", readable by its owner only"));
  }
}
