package org.phigate.audit.auditor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.phigate.schema.AuditEntity;
import org.phigate.schema.AuditEvent;

/** Groups audit records into the chain of one clinical event (intake to EHR write) as a timeline or JSON. */
public final class Replay {
  private static final List<String> STEP_ORDER = List.of("intake", "deid.detect", "deid.redact", "inference",
      "review.hold", "review.decide", "writeback");

  /** One clinical event's steps in order. */
  public record Chain(String eventId, String patientToken, List<AuditEvent> steps) {}

  private Replay() {}

  /** Chains matching the filters (null = no filter); time bounds apply to the records shown. */
  public static List<Chain> chains(List<AuditEvent> all, String patientToken, String eventId, Instant from,
                                   Instant to) {
    List<AuditEvent> inRange = all.stream().filter(e -> from == null || !e.getRecorded().isBefore(from))
        .filter(e -> to == null || !e.getRecorded().isAfter(to)).toList();
    Set<String> subjects = new LinkedHashSet<>();
    for (AuditEvent e : inRange) {
      boolean byToken = patientToken == null || patientToken.equals(e.getPatientToken());
      boolean byEvent = eventId == null || eventId.equals(e.getSubjectEventId())
          || e.getEntities().stream().anyMatch(en -> eventId.equals(en.getWhat()));
      if (byToken && byEvent) {
        subjects.add(e.getSubjectEventId());
      }
    }
    Map<String, List<AuditEvent>> bySubject = new LinkedHashMap<>();
    subjects.forEach(s -> bySubject.put(s, new ArrayList<>()));
    inRange.stream().filter(e -> subjects.contains(e.getSubjectEventId()))
        .forEach(e -> bySubject.get(e.getSubjectEventId()).add(e));
    List<Chain> chains = new ArrayList<>();
    bySubject.forEach((subject, steps) -> {
      steps.sort(Comparator.comparing(AuditEvent::getRecorded).thenComparing(e -> rank(e.getSubtype())));
      String token = steps.stream().map(AuditEvent::getPatientToken).filter(t -> t != null).findFirst().orElse(null);
      chains.add(new Chain(subject, token, steps));
    });
    return chains;
  }

  public static String timeline(List<Chain> chains) {
    StringBuilder out = new StringBuilder();
    for (Chain chain : chains) {
      out.append("event ").append(chain.eventId()).append("  patient token ")
          .append(chain.patientToken() == null ? "-" : chain.patientToken()).append("  (")
          .append(chain.steps().size()).append(" steps)\n");
      for (AuditEvent e : chain.steps()) {
        out.append(String.format("  %-24s %-17s %s %-15s by %s%n", e.getRecorded(), e.getSubtype(), e.getAction(),
            e.getOutcome() + (e.getOutcomeDesc() == null ? "" : "(" + e.getOutcomeDesc() + ")"), agents(e)));
        String what = e.getEntities().stream().map(AuditEntity::getWhat).collect(Collectors.joining(", "));
        out.append("      what: ").append(what).append('\n');
        if (!e.getDetails().isEmpty()) {
          out.append("      ").append(new TreeMap<>(e.getDetails()).entrySet().stream()
              .map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining("  "))).append('\n');
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  public static String json(List<Chain> chains) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Chain chain : chains) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("eventId", chain.eventId());
      c.put("patientToken", chain.patientToken());
      c.put("steps", chain.steps().stream().map(Replay::step).toList());
      out.add(c);
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One audit record as plain JSON types. */
  public static Map<String, Object> step(AuditEvent e) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("auditId", e.getAuditId());
    s.put("recorded", e.getRecorded().toString());
    s.put("type", e.getType());
    s.put("subtype", e.getSubtype());
    s.put("action", e.getAction().name());
    s.put("outcome", e.getOutcome().name());
    s.put("outcomeDesc", e.getOutcomeDesc());
    s.put("purposeOfUse", e.getPurposeOfUse());
    s.put("agents", e.getAgents().stream().map(a -> Map.of("who", a.getWho(), "role", a.getRole(),
        "requestor", a.getRequestor())).toList());
    s.put("observer", e.getSource().getObserver());
    s.put("entities", e.getEntities().stream().map(en -> Map.of("what", en.getWhat(), "type", en.getType(),
        "role", en.getRole())).toList());
    s.put("patientToken", e.getPatientToken());
    s.put("details", new TreeMap<>(e.getDetails()));
    return s;
  }

  private static String agents(AuditEvent e) {
    return e.getAgents().stream().map(a -> a.getWho() + " (" + a.getRole() + ")")
        .collect(Collectors.joining(", "));
  }

  private static int rank(String subtype) {
    for (int i = 0; i < STEP_ORDER.size(); i++) {
      if (subtype.startsWith(STEP_ORDER.get(i))) {
        return i;
      }
    }
    return STEP_ORDER.size();
  }
}
