package org.phigate.audit.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys (JDK 17) in PEM: PKCS#8 "PRIVATE KEY" and X.509 "PUBLIC KEY", the formats of
 * {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}. A signing key file holds both blocks
 * (the JDK cannot derive an Ed25519 public key from the private key).
 */
public final class SigningKeys {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private SigningKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK 17 provides Ed25519", e);
    }
  }

  public static String pem(PublicKey key) {
    return block("PUBLIC KEY", key.getEncoded());
  }

  public static String pem(KeyPair pair) {
    return block("PRIVATE KEY", pair.getPrivate().getEncoded()) + block("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  /** Writes KEY (private + public, owner-only) and PUB next to it. */
  public static void write(KeyPair pair, Path keyFile, Path publicFile) throws IOException {
    Files.createDirectories(keyFile.toAbsolutePath().getParent());
    Files.writeString(keyFile, pem(pair), StandardCharsets.US_ASCII);
    keyFile.toFile().setReadable(false, false);
    keyFile.toFile().setReadable(true, true);
    Files.writeString(publicFile, pem(pair.getPublic()), StandardCharsets.US_ASCII);
  }

  public static PublicKey readPublic(Path file) throws IOException {
    byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY", file);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 public key");
    }
  }

  /** The key pair of a signing key file; checks that the two halves belong together. */
  public static KeyPair readPair(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    KeyPair pair;
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      pair = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY", file))),
          factory.generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY", file))));
      byte[] probe = "phigate key check".getBytes(StandardCharsets.US_ASCII);
      if (!verify(pair.getPublic(), probe, sign(pair.getPrivate(), probe))) {
        throw new IOException("the PRIVATE KEY and PUBLIC KEY in " + file + " do not belong together");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " does not hold an Ed25519 key pair");
    }
    return pair;
  }

  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** 4-byte key hint: the first bytes of SHA-256 over the X.509 public key (as checkpoint signature lines carry). */
  public static byte[] keyId(PublicKey key) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(String text, String type, Path file) throws IOException {
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2));
      }
    }
    throw new IOException(file + " has no PEM block '" + type + "'");
  }
}
