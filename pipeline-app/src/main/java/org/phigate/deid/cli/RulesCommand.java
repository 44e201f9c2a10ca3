package org.phigate.deid.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.DeidConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.policy.Action;
import org.phigate.intake.rules.FhirRule;
import org.phigate.intake.rules.Hl7Rule;
import org.phigate.intake.rules.RuleMethod;
import org.phigate.intake.rules.RulesException;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.schema.PhiCategory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid rules`: the effective structured-PHI rules (shipped + site file) as a table. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Print the effective structured-PHI rules: the shipped deid/structured-rules.json with the site "
        + "file of intake.structured.rules.file merged over it. METHOD is the rule's method and the PHIGate action it "
        + "maps onto; APPLIED is what the pipeline does with a match under deid.policy: the stricter of the two.")
public final class RulesCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings file (intake.structured.rules.file, deid.policy); PHIGATE_* variables apply too.")
  Path config;

  @Option(names = "--rules", paramLabel = "FILE", description = "A site rule file to merge (instead of the one the "
      + "settings name), e.g. to check a file before deploying it.")
  Path rules;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    StructuredRules effective;
    RedactionPolicy policy;
    try {
      if (config != null && !config.toFile().isFile()) {
        throw new IllegalArgumentException("config file " + config + " does not exist");
      }
      CommonConfig common = CommonConfig.load(config);
      String site = rules != null ? rules.toString() : new IntakeConfig(common).structuredRulesFile();
      effective = StructuredRules.withOverride(site);
      policy = RedactionPolicy.DATE_SHIFT_ID.equals(new DeidConfig(common).policy())
          ? RedactionPolicy.dateShift() : RedactionPolicy.safeHarbor();
    } catch (RulesException | IllegalArgumentException | ConfigException e) {
      err.println("phigate deid rules: " + e.getMessage());
      return 2;
    }
    print(effective, policy);
    return 0;
  }

  private void print(StructuredRules r, RedactionPolicy policy) {
    out.println("Structured PHI rules from " + String.join(" + ", r.sources()) + "; policy " + policy.id());
    out.println();
    out.println("HL7 v2 field rules (" + r.hl7Rules().size() + ")");
    String hl7 = "%-8s %-17s %-15s %-13s %-24s %s%n";
    out.printf(hl7, "FIELD", "KIND", "CATEGORY", "PARTY", "METHOD", "APPLIED");
    for (Hl7Rule h : r.hl7Rules()) {
      out.printf(hl7, h.key(), h.kind(), h.isText() ? "-" : h.category(), h.isText() ? "-" : h.party(),
          method(h.method()), applied(policy, h.category(), h.isText(), h.kept(), h.method()));
    }
    out.println();
    out.println("HL7 v2 datatype rules (fields without a rule in segments other than "
        + String.join(", ", r.personSegments().stream().sorted().toList()) + ")");
    out.printf(hl7, "TYPE", "KIND", "CATEGORY", "PARTY", "METHOD", "APPLIED");
    for (Hl7Rule h : r.hl7Types()) {
      out.printf(hl7, h.key(), h.kind(), h.isText() ? "-" : h.category(), h.isText() ? "-" : h.party(),
          method(h.method()), applied(policy, h.category(), h.isText(), h.kept(), h.method()));
    }
    out.println();
    out.println("FHIR rules, first match wins (" + r.fhirRules().size() + "; default party " + r.defaultParty()
        + ")");
    String fhir = "%-3s %-46s %-15s %-13s %-24s %s%n";
    out.printf(fhir, "#", "PATH", "CATEGORY", "PARTY", "METHOD", "APPLIED");
    int i = 0;
    for (FhirRule f : r.fhirRules()) {
      String category = f.text() ? "TEXT" : f.category() == null ? "-" : f.category().name();
      String applied = f.partyOnly() ? "sets the party below" : applied(policy, f.category(), f.text(), f.kept(),
          f.method());
      out.printf(fhir, i++, f.path(), category, f.party(), method(f.method()), applied);
    }
    out.println();
    out.println("APPLIED: not extracted = never leaves the PHI zone; detectors = free text scanned by the detectors;"
        + " else the stricter of the method's action and " + policy.id() + "'s for the category, by disclosure order"
        + " KEEP < DATE_SHIFT < GENERALIZE < TOKEN < DROP (a method tightens, never loosens, the policy).");
  }

  private static String method(RuleMethod m) {
    return m == null ? "-" : m.wireName() + " -> " + m.action();
  }

  private static String applied(RedactionPolicy policy, PhiCategory category, boolean text, boolean kept,
      RuleMethod method) {
    if (kept) {
      return "not extracted";
    }
    if (text) {
      return "detectors";
    }
    if (category == null) {
      return "-";
    }
    Action byPolicy = policy.actionFor(category);
    if (method == null) {
      return byPolicy.name();
    }
    Action applied = byPolicy.stricter(Action.valueOf(method.action()));
    return applied == byPolicy ? applied.name() : applied.name() + " (method)";
  }
}
