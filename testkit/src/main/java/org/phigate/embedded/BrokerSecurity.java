package org.phigate.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The secure embedded broker's credentials, generated at start in {@code <dataDir>/security}: a local CA, the
 * broker's certificate, and for every user a SCRAM-SHA-512 password and a client certificate ({@code CN=<user>}).
 * Secrets live in owner-only files; clients get PHIGate settings that name those files, never the secrets.
 */
public final class BrokerSecurity {
  /** The super user that creates topics, SCRAM users and ACLs. */
  public static final String ADMIN = "admin";
  static final String BROKER = "broker";
  static final String SCRAM = "SCRAM-SHA-512";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final List<String> users;

  private BrokerSecurity(Path dir, List<String> users) {
    this.dir = dir;
    this.users = List.copyOf(users);
  }

  /** Creates the CA, the broker's keystore, and a password and keystore for admin and every user. */
  static BrokerSecurity generate(Path dataDir, List<String> users) {
    Path dir = dataDir.resolve("security");
    List<String> all = new ArrayList<>();
    all.add(ADMIN);
    users.stream().filter(u -> !u.equals(ADMIN)).forEach(all::add);
    BrokerSecurity security = new BrokerSecurity(dir, all);
    ownerOnlyDirectory(dir);
    LocalCa ca = LocalCa.create("phigate-embedded-ca");
    char[] trustPassword = security.newSecret("truststore.password");
    ca.writeTruststore(security.truststore(), trustPassword);
    ca.writeKeystore(security.keystore(BROKER), BROKER, security.newSecret(BROKER + ".keystore.password"));
    for (String user : all) {
      ca.writeKeystore(security.keystore(user), user, security.newSecret(user + ".keystore.password"));
      String password = new String(security.newSecret(user + ".scram.password"));
      security.writeSecret(user + ".jaas", "org.apache.kafka.common.security.scram.ScramLoginModule required "
          + "username=\"" + user + "\" password=\"" + password + "\";");
    }
    return security;
  }

  /** Reads the credentials an earlier start generated in {@code dataDir}. */
  static BrokerSecurity load(Path dataDir, List<String> users) {
    List<String> all = new ArrayList<>();
    all.add(ADMIN);
    users.stream().filter(u -> !u.equals(ADMIN)).forEach(all::add);
    return new BrokerSecurity(dataDir.resolve("security"), all);
  }

  /** The users this broker knows (admin first). */
  public List<String> users() {
    return users;
  }

  /** Arguments of the storage format that create every user's SCRAM credential in the metadata log. */
  List<String> formatArguments() {
    List<String> out = new ArrayList<>();
    for (String user : users) {
      out.add("--add-scram");
      out.add(SCRAM + "=[name=" + user + ",password=" + secret(user + ".scram.password") + "]");
    }
    return out;
  }

  /**
   * Broker settings: a SASL_SSL listener (SCRAM-SHA-512), an SSL listener that requires client certificates, an
   * mTLS controller listener, principals from the certificate's CN, StandardAuthorizer that denies without an ACL.
   */
  void applyTo(Properties p, int saslPort, int sslPort, int controllerPort) {
    String listeners = "SASL_SSL://127.0.0.1:" + saslPort + ",SSL://127.0.0.1:" + sslPort + ",CONTROLLER://127.0.0.1:"
        + controllerPort;
    p.setProperty("listeners", listeners);
    p.setProperty("advertised.listeners", listeners);
    p.setProperty("listener.security.protocol.map", "SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:SSL");
    p.setProperty("inter.broker.listener.name", "SSL");
    p.setProperty("ssl.keystore.type", "PKCS12");
    p.setProperty("ssl.keystore.location", keystore(BROKER).toString());
    p.setProperty("ssl.keystore.password", secret(BROKER + ".keystore.password"));
    p.setProperty("ssl.truststore.type", "PKCS12");
    p.setProperty("ssl.truststore.location", truststore().toString());
    p.setProperty("ssl.truststore.password", secret("truststore.password"));
    p.setProperty("ssl.client.auth", "required");
    p.setProperty("listener.name.sasl_ssl.ssl.client.auth", "none");
    p.setProperty("ssl.principal.mapping.rules", "RULE:^CN=([^,]+).*$/$1/,DEFAULT");
    p.setProperty("sasl.enabled.mechanisms", SCRAM);
    p.setProperty("listener.name.sasl_ssl.sasl.enabled.mechanisms", SCRAM);
    p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("allow.everyone.if.no.acl.found", "false");
    p.setProperty("super.users", "User:" + ADMIN + ";User:" + BROKER);
  }

  /**
   * PHIGate settings for a client of {@code user} over SASL_SSL (SCRAM-SHA-512): the JAAS config and the truststore
   * password come from files ({@code kafka.*.file}).
   */
  public Map<String, String> scramClient(String user, String bootstrap) {
    Map<String, String> s = trusting(bootstrap);
    s.put("kafka.security.protocol", "SASL_SSL");
    s.put("kafka.sasl.mechanism", SCRAM);
    s.put("kafka.sasl.jaas.config.file", file(known(user) + ".jaas").toString());
    return s;
  }

  /** PHIGate settings for a client of {@code user} over SSL with its client certificate (mTLS). */
  public Map<String, String> tlsClient(String user, String bootstrap) {
    Map<String, String> s = trusting(bootstrap);
    s.put("kafka.security.protocol", "SSL");
    s.put("kafka.ssl.keystore.type", "PKCS12");
    s.put("kafka.ssl.keystore.location", keystore(known(user)).toString());
    s.put("kafka.ssl.keystore.password.file", file(user + ".keystore.password").toString());
    return s;
  }

  /** The settings of {@link #tlsClient} or {@link #scramClient} as plain Kafka client properties. */
  public static Properties clientProperties(Map<String, String> settings) {
    Properties p = new Properties();
    settings.forEach((name, value) -> {
      String key = name.substring("kafka.".length());
      if (key.endsWith(".file")) {
        p.put(key.substring(0, key.length() - ".file".length()), read(Path.of(value)));
      } else {
        p.put(key, value);
      }
    });
    return p;
  }

  private Map<String, String> trusting(String bootstrap) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("kafka.bootstrap.servers", bootstrap);
    s.put("kafka.ssl.truststore.type", "PKCS12");
    s.put("kafka.ssl.truststore.location", truststore().toString());
    s.put("kafka.ssl.truststore.password.file", file("truststore.password").toString());
    return s;
  }

  private String known(String user) {
    if (!users.contains(user)) {
      throw new IllegalArgumentException("no credentials for " + user + "; the broker knows " + users);
    }
    return user;
  }

  private Path truststore() {
    return dir.resolve("ca-truststore.p12");
  }

  private Path keystore(String user) {
    return dir.resolve(user + ".keystore.p12");
  }

  private Path file(String name) {
    return dir.resolve(name);
  }

  private String secret(String name) {
    return read(file(name));
  }

  private char[] newSecret(String name) {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    String value = HexFormat.of().formatHex(bytes);
    writeSecret(name, value);
    return value.toCharArray();
  }

  private void writeSecret(String name, String value) {
    try {
      Files.createDirectories(dir);
      Path path = file(name);
      Files.writeString(path, value);
      try {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory is the test's own temporary one
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keystores hold private keys: nobody but the owner may list or open the folder. */
  private static void ownerOnlyDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory is the caller's own temporary one
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
