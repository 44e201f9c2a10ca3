package org.phigate.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.compliance.BrokerAcls;
import org.phigate.compliance.ComplianceCheck;
import org.phigate.compliance.ComplianceReport;
import org.phigate.compliance.Deployment;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate compliance check`: a config set against the HIPAA 164.312 technical safeguards, as evidence. */
@Command(name = "compliance", mixinStandardHelpOptions = true, description = {
    "check: evaluate a config (file + PHIGATE_* environment) for its roles against HIPAA 45 CFR 164.312 technical "
        + "safeguards (access control, audit controls, integrity, person or entity authentication, transmission "
        + "security): one line per control (compliance/controls.tsv) with PASS, FAIL, NOT_CHECKED or "
        + "NOT_APPLICABLE, the evidence, and the fix for each failure. Exit 1 when any control fails."})
public final class ComplianceCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "check")
  String action;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of the roles' process (as given "
      + "to `phigate run --config`); PHIGATE_* variables apply as for run.")
  Path config;

  @Option(names = "--role", split = ",", paramLabel = "ROLE", description = "Roles this config runs (as `run "
      + "--role`); default: all roles.")
  List<String> roles;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Report format "
      + "(default text).")
  String format;

  @Option(names = "--no-broker", description = "Do not ask the broker for its ACLs (AC-ACL-DRIFT is then NOT_CHECKED).")
  boolean noBroker;

  @Option(names = "--broker-timeout-seconds", defaultValue = "10", paramLabel = "S",
      description = "How long to wait for a broker before AC-ACL-DRIFT is NOT_CHECKED (default 10).")
  int brokerTimeoutSeconds;

  @Override
  public Integer call() {
    if (!"check".equals(action)) {
      System.err.println("phigate compliance: unknown action '" + action + "'; use check");
      return 2;
    }
    if (!format.equals("text") && !format.equals("json")) {
      System.err.println("phigate compliance check: --format must be text or json");
      return 2;
    }
    List<Role> selected = roles == null ? List.of(Role.values()) : roles.stream().map(Role::of).toList();
    CommonConfig common = CommonConfig.load(config);
    Deployment deployment = new Deployment(common, selected, noBroker ? BrokerAcls.skipped()
        : new BrokerAcls(common, Duration.ofSeconds(brokerTimeoutSeconds)));
    ComplianceReport report = ComplianceCheck.shipped().evaluate(deployment);
    System.out.print(format.equals("json") ? report.json() : report.text());
    return report.passed() ? 0 : 1;
  }
}
