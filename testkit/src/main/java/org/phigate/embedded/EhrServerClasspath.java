package org.phigate.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where the ehr-server module's build put the JPA server: its jar and the runtime classpath that
 * maven-dependency-plugin resolved at build time ({@code target/ehr-server.classpath}), so starting the server needs
 * neither Maven nor the network. The module's target folder is baked in at build time; {@code -Dphigate.ehr.server.dir}
 * or {@code PHIGATE_EHR_SERVER_DIR} point elsewhere.
 */
record EhrServerClasspath(String classpath, boolean fromJar) {
  static final String MAIN_CLASS = "org.phigate.ehr.EhrServerMain";
  private static final String JAR = "phigate-ehr-server.jar";
  private static final String CLASSPATH_FILE = "ehr-server.classpath";

  static EhrServerClasspath locate() {
    Path target = targetDir();
    Path file = target.resolve(CLASSPATH_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("The EHR server is not built: " + file + " is missing; build it with "
          + "'mvn -B -DskipTests -pl ehr-server package' (or set phigate.ehr.server.dir)");
    }
    try {
      String dependencies = Files.readString(file, StandardCharsets.UTF_8).trim();
      Path jar = target.resolve(JAR);
      boolean fromJar = Files.isRegularFile(jar);
      Path main = fromJar ? jar : target.resolve("classes");
      return new EhrServerClasspath(main.toAbsolutePath() + java.io.File.pathSeparator + dependencies, fromJar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A key for the class-data-sharing archive of this exact classpath and JVM: the JVM refuses an archive made for
   * other jars, so a rebuilt server jar (its size and time) or another JDK gets a new archive.
   */
  String archiveKey() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(classpath.getBytes(StandardCharsets.UTF_8));
      sha.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
      sha.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
      Path main = Path.of(classpath.substring(0, classpath.indexOf(java.io.File.pathSeparator)));
      sha.update((Files.size(main) + "/" + Files.getLastModifiedTime(main).toMillis())
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path targetDir() {
    String given = System.getProperty("phigate.ehr.server.dir", System.getenv("PHIGATE_EHR_SERVER_DIR"));
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Properties built = new Properties();
    try (InputStream in = EhrServerClasspath.class.getResourceAsStream("ehr-server.properties")) {
      if (in == null) {
        throw new IllegalStateException("ehr-server.properties missing from the testkit jar");
      }
      built.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Path.of(built.getProperty("target.dir")).normalize();
  }
}
