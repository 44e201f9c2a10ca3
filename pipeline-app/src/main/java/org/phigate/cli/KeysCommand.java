package org.phigate.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.KekConfig;
import org.phigate.schema.AuditAction;
import org.phigate.security.keys.DataKeyStore;
import org.phigate.security.keys.KeyEncryptionKeys;
import org.phigate.security.keys.KeyShredder;
import org.phigate.security.keys.Pkcs12KeyEncryptionKeys;
import org.phigate.security.keys.StoredKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate keys init|list|rotate|shred`: the KEK keystore and the envelope data keys on phigate.keys.data. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Key-encryption keys (crypto.kek.keystore) "
    + "and envelope data keys (phigate.keys.data): create, list, rotate, crypto-shred a patient.",
    subcommands = {KeysCommand.Init.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
        KeysCommand.Shred.class})
public final class KeysCommand implements Runnable {
  private static final Pattern PATIENT_VAULT_KEY = Pattern.compile("vk1:(.+):PATIENT:([0-9a-f]{64})");
  private static final Pattern PATIENT_TOKEN = Pattern.compile("PT-[0-9a-f]{12}");

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every keys subcommand shares. */
  static class Configured {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file: crypto.kek.keystore, "
        + "crypto.kek.password.file, crypto.kek.alias; kafka.* and schema.registry.url for the key topic and audit.")
    Path config;

    CommonConfig common() {
      CommonConfig common = CommonConfig.load(config);
      if (!KekConfig.enabled(common.settings())) {
        throw new IllegalArgumentException(KekConfig.KEYSTORE.name() + " is not set in the config or environment");
      }
      return common;
    }
  }

  /** Creates the keystore with version 1 of the KEK. */
  @Command(name = "init", mixinStandardHelpOptions = true, description = "Create crypto.kek.keystore holding "
      + "<crypto.kek.alias>.v1 (a random AES-256 key); refuses to overwrite a file.")
  static final class Init extends Configured implements Callable<Integer> {
    @Override
    public Integer call() {
      CommonConfig common = common();
      Path file = Path.of(common.settings().get(KekConfig.KEYSTORE).trim());
      KeyEncryptionKeys keks = Pkcs12KeyEncryptionKeys.create(file, KekConfig.password(common.settings()),
          common.settings().get(KekConfig.ALIAS));
      System.out.println("created " + file + " with KEK " + keks.activeId());
      return 0;
    }
  }

  /** KEK versions, and data keys by the KEK version that wraps them. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List KEK versions (never their material) "
      + "and how many data keys each wraps on phigate.keys.data (--kek-only: the keystore alone).")
  static final class ListKeys extends Configured implements Callable<Integer> {
    @Option(names = "--kek-only", description = "Do not read the key topic.")
    boolean kekOnly;

    @Override
    public Integer call() {
      CommonConfig common = common();
      KeyEncryptionKeys keks = KekConfig.keks(common.settings());
      Map<String, Long> wrapped = Map.of();
      int destroyed = 0;
      if (!kekOnly) {
        DataKeyStore store = KekConfig.store(common);
        wrapped = store.list().stream().collect(Collectors.groupingBy(StoredKey::kekId, TreeMap::new,
            Collectors.counting()));
        destroyed = store.destroyed().size();
      }
      String row = "%-32s %-24s %-7s %s%n";
      System.out.printf(row, "kek", "created", "active", kekOnly ? "" : "data keys");
      for (KeyEncryptionKeys.Version v : keks.versions()) {
        System.out.printf(row, v.id(), v.created(), v.active() ? "yes" : "", kekOnly ? ""
            : Long.toString(wrapped.getOrDefault(v.id(), 0L)));
      }
      Map<String, Long> remaining = new TreeMap<>(wrapped);
      keks.versions().forEach(v -> remaining.remove(v.id()));
      remaining.forEach((kek, n) -> System.out.printf(row, kek, "-", "MISSING", n));
      if (!kekOnly) {
        System.out.println(destroyed + " data keys destroyed (crypto-shredded)");
      }
      return remaining.isEmpty() ? 0 : 1;
    }
  }

  /** A new KEK version; optionally re-wraps the stored data keys under it. */
  @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Add a new KEK version and make it "
      + "active: new data keys are wrapped by it (running roles pick it up within a second; no topic is rewritten), "
      + "old blobs still open. --rewrap re-wraps every stored data key under it, after which older versions wrap "
      + "only the tenant-day keys inside blobs (until their topics' retention passes). Audited.")
  static final class Rotate extends Configured implements Callable<Integer> {
    @Option(names = "--rewrap", description = "Re-wrap the data keys on phigate.keys.data under the new version.")
    boolean rewrap;

    @Override
    public Integer call() {
      CommonConfig common = common();
      KeyEncryptionKeys keks = KekConfig.keks(common.settings());
      String before = keks.activeId();
      String active = keks.rotate();
      int rewrapped = 0;
      if (rewrap) {
        DataKeyStore store = KekConfig.store(common);
        for (StoredKey key : store.list()) {
          if (!key.kekId().equals(active)) {
            byte[] raw = keks.unwrap(key.kekId(), key.wrapped());
            KeyEncryptionKeys.Wrapped w = keks.wrap(raw);
            java.util.Arrays.fill(raw, (byte) 0);
            store.put(new StoredKey(key.id(), w.kekId(), w.wrapped(), key.created()));
            rewrapped++;
          }
        }
      }
      DlqCommand.Cluster.audit(common, DlqCommand.Cluster.operatorAudit(common)
          .event("keys.rotate", AuditAction.U, "kek-" + active).type("110113")
          .agent(DlqCommand.Cluster.operator(), "operator", true).purpose("HOPERAT")
          .entity(common.settings().get(KekConfig.ALIAS), "KeyEncryptionKey", "4")
          .detail("previousKek", before).detail("activeKek", active).detail("rewrapped", rewrap ? rewrapped : null)
          .detail("at", Instant.now()).build());
      System.out.println("KEK " + active + " is active (was " + before + ")"
          + (rewrap ? "; " + rewrapped + " data keys re-wrapped" : ""));
      return 0;
    }
  }

  /** Destroys every data key of one patient. */
  @Command(name = "shred", mixinStandardHelpOptions = true, description = "Crypto-shred a patient: destroy every "
      + "data key of the patient on phigate.keys.data (a destroyed marker and a tombstone each), so none of the "
      + "patient's sealed fields (events, vault entries, remembered identifiers, review edits) opens again, anywhere. "
      + "Audited as keys.shred (patient token, key count, request id; no PHI).")
  static final class Shred extends Configured implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--reason", defaultValue = "ERASURE_REQUEST",
        description = "Upper-case reason code recorded in the audit event (default ${DEFAULT-VALUE}).")
    String reason;

    /** Which patient. */
    static final class Target {
      @Option(names = "--patient", paramLabel = "TOKEN|VAULT-KEY", description = "PT-... token (as in audit "
          + "events) or the patient's vault key vk1:<tenant>:PATIENT:<64 hex>.")
      String patient;
      @Option(names = "--patient-key", description = "MRN or FHIR patient id as intake keys the patient (hashed "
          + "here with crypto.hmac.key, never sent).")
      String patientKey;
    }

    @Override
    public Integer call() {
      if (!reason.matches("[A-Z][A-Z0-9_]{0,63}")) {
        throw new IllegalArgumentException("--reason must be an upper-case code such as ERASURE_REQUEST");
      }
      CommonConfig common = common();
      String token = token(common, target.patient, target.patientKey);
      KeyShredder shredder = new KeyShredder(KekConfig.store(common));
      List<String> keys = shredder.keysOf(common.tenant(), token);
      String requestId = "shred-" + UUID.randomUUID();
      // the erasure is on the audit trail (acks=all) before any key is destroyed
      DlqCommand.Cluster.audit(common, DlqCommand.Cluster.operatorAudit(common)
          .event("keys.shred", AuditAction.D, requestId).patientToken(token)
          .agent(DlqCommand.Cluster.operator(), "operator", true).purpose("HOPERAT")
          .entity(Topics.DATA_KEYS.name() + "/" + token, "DataKey", "4")
          .detail("reason", reason).detail("requestId", requestId).detail("dataKeys", keys.size())
          .detail("at", Instant.now()).build());
      List<String> destroyed = shredder.shred(common.tenant(), token, requestId);
      System.out.println("destroyed " + destroyed.size() + " data keys of " + token + " (" + requestId + ")");
      return 0;
    }

    static String token(CommonConfig common, String patient, String patientKey) {
      if (patientKey != null) {
        return common.pseudonymizer().patientToken(common.tenant(), patientKey);
      }
      String given = patient.strip();
      var vaultKey = PATIENT_VAULT_KEY.matcher(given);
      if (vaultKey.matches()) {
        if (!vaultKey.group(1).equals(common.tenant())) {
          throw new IllegalArgumentException("--patient: the vault key names another tenant than phigate.tenant");
        }
        int bits = common.settings().get(DeidConfig.PATIENT_TOKEN_BITS);
        given = "PT-" + vaultKey.group(2).substring(0, bits / 4);
      }
      if (!PATIENT_TOKEN.matcher(given).matches()) {
        throw new IllegalArgumentException("--patient must be PT- followed by 12 hex digits or a patient vault key "
            + "vk1:<tenant>:PATIENT:<64 hex>");
      }
      return given;
    }
  }
}
