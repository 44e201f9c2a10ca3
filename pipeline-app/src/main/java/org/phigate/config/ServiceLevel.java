package org.phigate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.Urgency;

/**
 * A review deadline as configured: a whole number of seconds, minutes, hours, calendar days or business days
 * ({@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 2bd}).
 */
public record ServiceLevel(long amount, Unit unit) {
  private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,5})(s|m|h|d|bd)");
  private static final Pattern OVERRIDE = Pattern.compile("([A-Za-z0-9._-]+):([a-z]+)=(.+)");

  /** What a valid value looks like, for validator messages. */
  public static final String EXPECTED = "a whole number (1-999999) and a unit: s, m, h, d or bd (business days, "
      + "Monday to Friday), e.g. 30m or 2bd";

  /** The unit of an SLA; business days skip Saturdays and Sundays. */
  public enum Unit {
    SECONDS("s"), MINUTES("m"), HOURS("h"), DAYS("d"), BUSINESS_DAYS("bd");

    private final String suffix;

    Unit(String suffix) {
      this.suffix = suffix;
    }
  }

  /** One per-workflow override: {@code workflow:urgency=sla}. */
  public record WorkflowOverride(String workflow, Urgency urgency, ServiceLevel sla) {}

  public ServiceLevel {
    if (amount < 1) {
      throw new IllegalArgumentException("an SLA must be positive");
    }
  }

  /** Parses {@code 30m}, {@code 2bd} etc.; throws IllegalArgumentException otherwise. */
  public static ServiceLevel parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not an SLA");
    }
    Unit unit = switch (m.group(2)) {
      case "s" -> Unit.SECONDS;
      case "m" -> Unit.MINUTES;
      case "h" -> Unit.HOURS;
      case "d" -> Unit.DAYS;
      default -> Unit.BUSINESS_DAYS;
    };
    return new ServiceLevel(Long.parseLong(m.group(1)), unit);
  }

  /**
   * Parses a comma-separated list of {@code workflow:urgency=sla} items (urgency one of emergency, urgent, soon,
   * routine); an empty value is an empty list.
   */
  public static List<WorkflowOverride> parseOverrides(String text) {
    List<WorkflowOverride> out = new ArrayList<>();
    for (String item : Validator.items(text)) {
      Matcher m = OVERRIDE.matcher(item);
      if (!m.matches()) {
        throw new IllegalArgumentException("not workflow:urgency=sla");
      }
      out.add(new WorkflowOverride(m.group(1), urgency(m.group(2)), parse(m.group(3))));
    }
    return List.copyOf(out);
  }

  private static Urgency urgency(String name) {
    for (Urgency u : Urgency.values()) {
      if (u.name().toLowerCase(Locale.ROOT).equals(name)) {
        return u;
      }
    }
    throw new IllegalArgumentException("not an urgency");
  }

  /** The fixed length of a non-business-day SLA. */
  public Duration fixedLength() {
    return switch (unit) {
      case SECONDS -> Duration.ofSeconds(amount);
      case MINUTES -> Duration.ofMinutes(amount);
      case HOURS -> Duration.ofHours(amount);
      case DAYS -> Duration.ofDays(amount);
      case BUSINESS_DAYS -> throw new IllegalStateException("business days have no fixed length");
    };
  }

  /** As configured: {@code 30m}, {@code 2bd}. */
  public String label() {
    return amount + unit.suffix;
  }

  @Override
  public String toString() {
    return label();
  }
}
