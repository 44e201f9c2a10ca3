package org.phigate.review;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phigate.config.ReviewConfig;
import org.phigate.config.ServiceLevel;
import org.phigate.schema.Urgency;

/** Review SLAs per workflow and urgency (items without an urgency count as routine) and the deadlines they set. */
public final class ServiceLevels {
  private final Map<Urgency, ServiceLevel> defaults;
  private final Map<String, Map<Urgency, ServiceLevel>> byWorkflow = new HashMap<>();
  private final ZoneId businessZone;

  public ServiceLevels(Map<Urgency, ServiceLevel> defaults, List<ServiceLevel.WorkflowOverride> overrides,
                       ZoneId businessZone) {
    this.defaults = new EnumMap<>(defaults);
    for (Urgency urgency : Urgency.values()) {
      if (!this.defaults.containsKey(urgency)) {
        throw new IllegalArgumentException("no default SLA for urgency " + urgency);
      }
    }
    overrides.forEach(o -> byWorkflow.computeIfAbsent(o.workflow(), w -> new EnumMap<>(Urgency.class))
        .put(o.urgency(), o.sla()));
    this.businessZone = businessZone;
  }

  public static ServiceLevels from(ReviewConfig config) {
    return new ServiceLevels(config.slaDefaults(), config.slaOverrides(), config.businessZone());
  }

  /** The SLA of a workflow's items of this urgency; null urgency is routine. */
  public ServiceLevel of(String workflow, Urgency urgency) {
    Urgency effective = urgency == null ? Urgency.ROUTINE : urgency;
    ServiceLevel override = byWorkflow.getOrDefault(workflow, Map.of()).get(effective);
    return override != null ? override : defaults.get(effective);
  }

  /** When an item held at {@code heldAt} under {@code sla} must have been decided. */
  public Instant dueAt(ServiceLevel sla, Instant heldAt) {
    return sla.unit() == ServiceLevel.Unit.BUSINESS_DAYS ? BusinessDays.plus(heldAt, sla.amount(), businessZone)
        : heldAt.plus(sla.fixedLength());
  }
}
