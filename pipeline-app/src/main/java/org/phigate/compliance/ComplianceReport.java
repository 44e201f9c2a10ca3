package org.phigate.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The findings of one compliance check, as text for an operator or JSON for an evidence store. */
public record ComplianceReport(List<String> roles, List<Finding> findings) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ComplianceReport {
    roles = List.copyOf(roles);
    findings = List.copyOf(findings);
  }

  /** True when no control failed ({@link Status#NOT_CHECKED} and {@link Status#NOT_APPLICABLE} do not fail). */
  public boolean passed() {
    return failed().isEmpty();
  }

  public List<Finding> failed() {
    return findings.stream().filter(f -> f.status() == Status.FAIL).toList();
  }

  public Map<Status, Long> counts() {
    Map<Status, Long> out = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      out.put(status, findings.stream().filter(f -> f.status() == status).count());
    }
    return out;
  }

  /** One block per control: status, id, safeguard, what it requires, the evidence, and the fix when it failed. */
  public String text() {
    StringBuilder out = new StringBuilder("PHIGate compliance check (HIPAA 45 CFR 164.312 technical safeguards) for "
        + "roles " + roles + "\n\n");
    for (Finding f : findings) {
      Control c = f.control();
      out.append(String.format("%-14s %-20s %s %s%n", f.status(), c.id(), c.safeguard().paragraph(),
          c.safeguard().title()));
      out.append("    ").append(c.description()).append('\n');
      f.outcome().evidence().forEach(e -> out.append("    - ").append(e).append('\n'));
      if (f.status() == Status.FAIL) {
        out.append("    fix: ").append(c.remediation()).append('\n');
      }
      out.append('\n');
    }
    Map<Status, Long> counts = counts();
    out.append(passed() ? "PASSED" : "FAILED").append(": ").append(counts.get(Status.PASS)).append(" passed, ")
        .append(counts.get(Status.FAIL)).append(" failed").append(passed() ? "" : " (" + String.join(", ",
            failed().stream().map(f -> f.control().id()).toList()) + ")").append(", ")
        .append(counts.get(Status.NOT_CHECKED)).append(" not checked, ").append(counts.get(Status.NOT_APPLICABLE))
        .append(" not applicable\n");
    return out.toString();
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("standard", "HIPAA Security Rule, 45 CFR 164.312 technical safeguards");
    root.put("passed", passed());
    roles.forEach(root.putArray("roles")::add);
    ObjectNode summary = root.putObject("summary");
    counts().forEach((status, n) -> summary.put(status.name(), n));
    ArrayNode controls = root.putArray("controls");
    for (Finding f : findings) {
      ObjectNode node = controls.addObject();
      node.put("id", f.control().id());
      node.put("safeguard", f.control().safeguard().paragraph());
      node.put("safeguardTitle", f.control().safeguard().title());
      node.put("status", f.status().name());
      node.put("description", f.control().description());
      ArrayNode evidence = node.putArray("evidence");
      f.outcome().evidence().forEach(evidence::add);
      if (f.status() == Status.FAIL) {
        node.put("remediation", f.control().remediation());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }
}
