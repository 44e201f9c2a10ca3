package org.phigate.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a key accepts once its value has been parsed: a test and the words an operator reads when it fails
 * ("an integer in [1, 65535]"). A validator never quotes the value, so a secret's value never reaches a message.
 */
public record Validator<T>(String expected, Predicate<? super T> test) {
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)"
      + ":([0-9]{1,5})");

  /** Accepts every value of the type. */
  public static <T> Validator<T> any() {
    return new Validator<>("", v -> true);
  }

  /** Any text, with the words that say what it is for (free-form keys still declare what they accept). */
  public static Validator<String> anyText(String expected) {
    return new Validator<>(expected, v -> true);
  }

  public boolean accepts(T value) {
    return test.test(value);
  }

  /** The validator, or an empty string (keys whose empty value means "off" or "derived"). */
  public static Validator<String> emptyOr(Validator<String> validator) {
    return new Validator<>("empty or " + validator.expected(), v -> v.isBlank() || validator.accepts(v));
  }

  public static Validator<String> nonEmpty() {
    return new Validator<>("a non-empty value", v -> !v.isBlank());
  }

  public static Validator<Integer> between(int min, int max) {
    return new Validator<>("an integer in [" + min + ", " + max + "]", v -> v >= min && v <= max);
  }

  public static Validator<Integer> atLeast(int min) {
    return new Validator<>("an integer >= " + min, v -> v >= min);
  }

  public static Validator<Long> between(long min, long max) {
    return new Validator<>("an integer in [" + min + ", " + max + "]", v -> v >= min && v <= max);
  }

  public static Validator<Long> atLeast(long min) {
    return new Validator<>("an integer >= " + min, v -> v >= min);
  }

  public static Validator<Double> between(double min, double max) {
    return new Validator<>("a number in [" + min + ", " + max + "]", v -> v >= min && v <= max);
  }

  /** One of a fixed set of choices (exact, case-sensitive). */
  public static Validator<String> oneOf(Collection<String> choices) {
    List<String> copy = List.copyOf(choices);
    return new Validator<>("one of " + String.join(", ", copy), copy::contains);
  }

  /** A comma-separated list whose items are all among the choices (case-insensitive); empty items ignored. */
  public static Validator<String> listOf(Collection<String> choices) {
    List<String> lower = choices.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    return new Validator<>("a comma-separated list of " + String.join(", ", choices), v -> items(v).stream()
        .allMatch(item -> lower.contains(item.toLowerCase(Locale.ROOT))));
  }

  /** A comma-separated list with at least one item. */
  public static Validator<String> nonEmptyList() {
    return new Validator<>("a comma-separated list with at least one item", v -> !items(v).isEmpty());
  }

  /** {@code host:port[,host:port...]}: Kafka bootstrap servers. */
  public static Validator<String> hostPortList() {
    return new Validator<>("a comma-separated list of host:port (port 1-65535)", v -> !items(v).isEmpty()
        && items(v).stream().allMatch(Validator::hostPort));
  }

  private static boolean hostPort(String item) {
    var m = HOST_PORT.matcher(item);
    return m.matches() && Integer.parseInt(m.group(3)) >= 1 && Integer.parseInt(m.group(3)) <= 65535;
  }

  /** An absolute URL with one of the schemes and a host. */
  public static Validator<String> url(String... schemes) {
    List<String> allowed = Arrays.asList(schemes);
    return new Validator<>("an absolute " + String.join(" or ", allowed) + " URL with a host", v -> {
      try {
        URI uri = new URI(v.trim());
        return uri.getScheme() != null && allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT))
            && uri.getHost() != null;
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    });
  }

  /** An absolute URI (any scheme), e.g. an identifier system such as {@code urn:...} or {@code https://...}. */
  public static Validator<String> absoluteUri() {
    return new Validator<>("an absolute URI (urn:... or http(s)://...)", v -> {
      try {
        return new URI(v.trim()).isAbsolute();
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    });
  }

  /** Base64 that decodes to at least {@code minBytes} bytes (a key). */
  public static Validator<String> base64Key(int minBytes) {
    return new Validator<>("base64 of at least " + minBytes + " bytes (e.g. `openssl rand -base64 " + minBytes + "`)",
        v -> {
          try {
            return Base64.getDecoder().decode(v.trim()).length >= minBytes;
          } catch (IllegalArgumentException e) {
            return false;
          }
        });
  }

  /** A path to a regular file this process can read. */
  public static Validator<String> readableFile() {
    return new Validator<>("a readable file", v -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(v.trim()))
        && java.nio.file.Files.isReadable(java.nio.file.Path.of(v.trim())));
  }

  /** Matches the regular expression as a whole. */
  public static Validator<String> matching(String regex, String expected) {
    Pattern pattern = Pattern.compile(regex);
    return new Validator<>(expected, v -> pattern.matcher(v).matches());
  }

  /** The non-blank items of a comma-separated value, stripped. */
  public static List<String> items(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
