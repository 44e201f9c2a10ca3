package org.phigate.security.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * KEKs in a PKCS#12 keystore file: AES-256 secret-key entries named {@code <alias>.v<N>} (a bare {@code <alias>}
 * entry counts as version 1); the highest version wraps new data keys (AES key wrap, RFC 3394). The file is re-read
 * when it changes, so a {@code keys rotate} by an operator reaches running roles without a restart.
 */
public final class Pkcs12KeyEncryptionKeys implements KeyEncryptionKeys {
  private static final long RECHECK_MS = 1_000;
  private final Path file;
  private final char[] password;
  private final String alias;
  private final Pattern versioned;
  private volatile Snapshot snapshot;
  private volatile long checkedAt;

  private record Snapshot(FileTime modified, long size, Map<String, SecretKey> keys, Map<String, Integer> numbers,
                          Map<String, Instant> created, String active) {}

  /** Opens the keystore; it must exist and hold at least one version of {@code alias}. */
  public Pkcs12KeyEncryptionKeys(Path file, char[] password, String alias) {
    this.file = file;
    this.password = password.clone();
    this.alias = alias.toLowerCase(java.util.Locale.ROOT);
    this.versioned = Pattern.compile(Pattern.quote(this.alias) + "\\.v([1-9][0-9]{0,8})");
    this.snapshot = load();
    this.checkedAt = System.currentTimeMillis();
  }

  /** Creates a new keystore file holding version 1 of {@code alias}; refuses to overwrite an existing file. */
  public static Pkcs12KeyEncryptionKeys create(Path file, char[] password, String alias) {
    if (Files.exists(file)) {
      throw new KeyException("keystore " + file + " already exists");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      store.setEntry(alias.toLowerCase(java.util.Locale.ROOT) + ".v1", new KeyStore.SecretKeyEntry(newAesKey()),
          new KeyStore.PasswordProtection(password));
      write(store, file, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyException("could not create keystore " + file, e);
    }
    return new Pkcs12KeyEncryptionKeys(file, password, alias);
  }

  @Override
  public String activeId() {
    return current().active();
  }

  @Override
  public Wrapped wrap(byte[] dataKey) {
    Snapshot s = current();
    try {
      Cipher cipher = Cipher.getInstance("AESWrap");
      cipher.init(Cipher.WRAP_MODE, s.keys().get(s.active()));
      return new Wrapped(s.active(), cipher.wrap(new SecretKeySpec(dataKey, "AES")));
    } catch (GeneralSecurityException e) {
      throw new KeyException("AES key wrap with KEK " + s.active() + " failed", e);
    }
  }

  @Override
  public byte[] unwrap(String kekId, byte[] wrapped) {
    SecretKey kek = current().keys().get(kekId);
    if (kek == null) {
      kek = reload().keys().get(kekId);
    }
    if (kek == null) {
      throw new KeyException("KEK " + kekId + " is not in keystore " + file.getFileName()
          + " (revoked, or another keystore)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AESWrap");
      cipher.init(Cipher.UNWRAP_MODE, kek);
      return ((SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new KeyException("data key does not unwrap under KEK " + kekId + " (wrong KEK or tampered)", e);
    }
  }

  @Override
  public List<Version> versions() {
    Snapshot s = current();
    List<Version> out = new ArrayList<>();
    s.numbers().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e ->
        out.add(new Version(e.getKey(), s.created().get(e.getKey()), e.getKey().equals(s.active()))));
    return out;
  }

  @Override
  public synchronized String rotate() {
    Snapshot s = reload();
    int next = Collections.max(s.numbers().values()) + 1;
    String id = alias + ".v" + next;
    try {
      KeyStore store = read();
      store.setEntry(id, new KeyStore.SecretKeyEntry(newAesKey()), new KeyStore.PasswordProtection(password));
      write(store, file, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyException("could not add KEK " + id + " to keystore " + file.getFileName(), e);
    }
    Snapshot after = reload();
    if (!after.active().equals(id)) {
      throw new KeyException("KEK " + id + " was written but is not the active version");
    }
    return id;
  }

  private Snapshot current() {
    long now = System.currentTimeMillis();
    if (now - checkedAt < RECHECK_MS) {
      return snapshot;
    }
    checkedAt = now;
    try {
      Snapshot s = snapshot;
      if (!Files.getLastModifiedTime(file).equals(s.modified()) || Files.size(file) != s.size()) {
        return reload();
      }
    } catch (IOException e) {
      // the file being replaced right now: keep the keys already loaded
    }
    return snapshot;
  }

  private synchronized Snapshot reload() {
    snapshot = load();
    checkedAt = System.currentTimeMillis();
    return snapshot;
  }

  private Snapshot load() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      KeyStore store = read();
      Map<String, SecretKey> keys = new HashMap<>();
      Map<String, Integer> numbers = new HashMap<>();
      Map<String, Instant> created = new HashMap<>();
      for (String name : Collections.list(store.aliases())) {
        Matcher m = versioned.matcher(name);
        int number = name.equals(alias) ? 1 : m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (number < 0 || !store.isKeyEntry(name)) {
          continue;
        }
        Key key = store.getKey(name, password);
        if (!(key instanceof SecretKey secret) || secret.getEncoded() == null || secret.getEncoded().length != 32) {
          throw new KeyException("keystore entry " + name + " is not an AES-256 secret key");
        }
        keys.put(name, new SecretKeySpec(secret.getEncoded(), "AES"));
        numbers.put(name, number);
        java.util.Date date = store.getCreationDate(name);
        created.put(name, date == null ? Instant.EPOCH : date.toInstant());
      }
      if (keys.isEmpty()) {
        throw new KeyException("keystore " + file.getFileName() + " holds no AES-256 entry " + alias + " or "
            + alias + ".v<N>");
      }
      String active = numbers.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue))
          .orElseThrow().getKey();
      return new Snapshot(modified, size, Map.copyOf(keys), Map.copyOf(numbers), Map.copyOf(created), active);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyException("could not read KEK keystore " + file.getFileName() + " (" + e.getClass().getSimpleName()
          + ": wrong password, missing or damaged file)", e);
    }
  }

  private KeyStore read() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static void write(KeyStore store, Path file, char[] password) throws IOException,
      GeneralSecurityException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions apply
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, password);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static SecretKey newAesKey() throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }
}
