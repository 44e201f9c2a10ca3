package org.phigate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclAdmin;
import org.phigate.runtime.acl.AclEntry;
import org.phigate.runtime.acl.AclPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate acl plan|apply|verify`: the ACLs each role's principal needs, derived from its topology. */
@Command(name = "acl", mixinStandardHelpOptions = true, description = {
    "plan: print the exact ACLs of each role (from its topology; principal User:<application.id>).",
    "apply: create the missing ones with the Admin client (--prune also deletes other ACLs of those principals).",
    "verify: report drift (missing or extra ACLs of the roles' principals); exit 1 when there is any."})
public final class AclCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "plan | apply | verify")
  String action;

  @Option(names = "--role", split = ",", paramLabel = "ROLE", description = "Only these roles (default: all).")
  List<String> roles;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file: application ids (principals) "
      + "and, for apply/verify, the cluster and an admin principal's kafka.* security settings.")
  Path config;

  @Option(names = "--prune", description = "apply: also delete ACLs of the roles' principals the plan does not hold.")
  boolean prune;

  @Override
  public Integer call() {
    List<Role> selected = roles == null ? List.of(Role.values()) : roles.stream().map(Role::of).toList();
    CommonConfig common = CommonConfig.load(config);
    List<AclEntry> plan = AclPlan.derive(common, selected);
    switch (action) {
      case "plan" -> {
        System.out.print(AclPlan.tsv(plan));
        return 0;
      }
      case "apply" -> {
        try (AclAdmin admin = AclAdmin.connect(common)) {
          List<AclEntry> created = admin.apply(plan);
          created.forEach(e -> System.out.println("created\t" + e.tsv()));
          if (prune) {
            admin.prune(plan).forEach(e -> System.out.println("deleted\t" + e.tsv()));
          }
          System.out.println("[acl] " + created.size() + " created, " + (plan.size() - created.size())
              + " already present, of " + plan.size() + " planned");
        }
        return 0;
      }
      case "verify" -> {
        try (AclAdmin admin = AclAdmin.connect(common)) {
          AclAdmin.Drift drift = admin.verify(plan);
          drift.missing().forEach(e -> System.out.println("missing\t" + e.tsv()));
          drift.extra().forEach(e -> System.out.println("extra\t" + e.tsv()));
          System.out.println(drift.none() ? "[acl] no drift: " + plan.size() + " ACLs as planned"
              : "[acl] drift: " + drift.missing().size() + " missing, " + drift.extra().size() + " extra");
          return drift.none() ? 0 : 1;
        }
      }
      default -> {
        System.err.println("phigate acl: unknown action '" + action + "'; use plan, apply or verify");
        return 2;
      }
    }
  }
}
