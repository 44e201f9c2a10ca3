package org.phigate.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phigate.schema.Urgency;

/** Settings of the review role (hold AI results until a clinician decides; escalate what waits too long). */
public record ReviewConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("review.application.id", "phigate-review",
      "Kafka Streams application.id of the review role.").validate(Validator.nonEmpty());
  public static final ConfigKey<ServiceLevel> SLA_EMERGENCY = sla("review.sla.emergency", "5m", "emergency");
  public static final ConfigKey<ServiceLevel> SLA_URGENT = sla("review.sla.urgent", "30m", "urgent");
  public static final ConfigKey<ServiceLevel> SLA_SOON = sla("review.sla.soon", "4h", "soon");
  public static final ConfigKey<ServiceLevel> SLA_ROUTINE = sla("review.sla.routine", "2bd",
      "routine (and of items without an urgency)");
  public static final ConfigKey<List<ServiceLevel.WorkflowOverride>> SLA_WORKFLOWS = new ConfigKey<>(
      "review.sla.workflows", "string", "", "Per-workflow SLAs that replace the review.sla.<urgency> defaults: "
          + "comma-separated workflow:urgency=sla, e.g. result-follow-up:routine=1bd,note-summary:soon=8h.",
      ServiceLevel::parseOverrides, new Validator<>("empty or a comma-separated list of workflow:urgency=sla "
          + "(urgency emergency, urgent, soon or routine; sla " + ServiceLevel.EXPECTED + ")", v -> true), false);
  public static final ConfigKey<String> SLA_ZONE = ConfigKey.string("review.sla.business.zone", "UTC",
      "Time zone (IANA id, e.g. America/Chicago) whose Saturdays and Sundays business-day SLAs skip: the site's.")
      .validate(new Validator<>("an IANA time zone id such as America/New_York or UTC", ReviewConfig::isZone));
  public static final ConfigKey<Integer> SLA_CHECK_MS = ConfigKey.integer("review.sla.check.interval.ms", 15_000,
      "How often (wall clock) the review role looks for pending items past their SLA, in ms.")
      .validate(Validator.between(100, 3_600_000));
  public static final ConfigKey<Integer> SLA_CHECK_MAX = ConfigKey.integer("review.sla.check.max.items", 1_000,
      "Most items escalated in one check, so a check after a long outage stays short on the stream thread; the "
          + "rest follow at the next check.").validate(Validator.between(1, 1_000_000));
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, SLA_EMERGENCY, SLA_URGENT, SLA_SOON, SLA_ROUTINE,
      SLA_WORKFLOWS, SLA_ZONE, SLA_CHECK_MS, SLA_CHECK_MAX);

  @Override
  public String role() {
    return "review";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  /** The default SLA of each urgency. */
  public Map<Urgency, ServiceLevel> slaDefaults() {
    Map<Urgency, ServiceLevel> out = new EnumMap<>(Urgency.class);
    out.put(Urgency.EMERGENCY, common.settings().get(SLA_EMERGENCY));
    out.put(Urgency.URGENT, common.settings().get(SLA_URGENT));
    out.put(Urgency.SOON, common.settings().get(SLA_SOON));
    out.put(Urgency.ROUTINE, common.settings().get(SLA_ROUTINE));
    return out;
  }

  /** Per-workflow SLAs that replace the defaults. */
  public List<ServiceLevel.WorkflowOverride> slaOverrides() {
    return common.settings().get(SLA_WORKFLOWS);
  }

  /** The zone whose weekends business-day SLAs skip. */
  public ZoneId businessZone() {
    return ZoneId.of(common.settings().get(SLA_ZONE).strip());
  }

  public Duration slaCheckInterval() {
    return Duration.ofMillis(common.settings().get(SLA_CHECK_MS));
  }

  public int slaCheckMaxItems() {
    return common.settings().get(SLA_CHECK_MAX);
  }

  private static ConfigKey<ServiceLevel> sla(String name, String defaultValue, String urgency) {
    return new ConfigKey<>(name, "string", defaultValue, "Review SLA of " + urgency + " items: how long one may "
        + "wait for a decision before it is escalated on phigate.review.escalations (" + ServiceLevel.EXPECTED + ").",
        ServiceLevel::parse, new Validator<>(ServiceLevel.EXPECTED, v -> true), false);
  }

  private static boolean isZone(String id) {
    try {
      ZoneId.of(id.strip());
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
