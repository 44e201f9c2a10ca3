package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.phigate.cli.CliRun;
import org.phigate.it.support.PhiStrings;
import org.phigate.tools.ToolsCli;

/** What an auditor does after `phigate demo`: verify the archive, then replay one portal message end to end. */
final class DemoAuditChecks {
  private DemoAuditChecks() {}

  static void verifyAndReplayPortalMessage(Path archive, Path publicKey, Set<String> phi) throws Exception {
    String verify = cli("audit", "verify", "--archive", archive.toString(), "--public-key", publicKey.toString());
    assertThat(verify).startsWith("exit 0").contains("OK");
    System.out.println("[DemoAuditChecks] " + verify.lines().skip(1).findFirst().orElse(""));

    String json = cli("audit", "replay", "--archive", archive.toString(), "--json");
    assertThat(PhiStrings.foundIn(json, phi)).as("PHI in the archive").isEmpty();
    JsonNode chain = portalMessageChain(new ObjectMapper().readTree(json.substring(json.indexOf('\n') + 1)));
    List<String> steps = new ArrayList<>();
    chain.get("steps").forEach(s -> steps.add(s.get("subtype").asText()));
    assertThat(steps).containsSubsequence("intake.normalize", "deid.detect", "deid.redact", "inference.run",
        "review.hold", "review.decide", "writeback.create");
    JsonNode detect = step(chain, "deid.detect").get("details");
    assertThat(detect.fieldNames()).toIterable().anySatisfy(f -> assertThat(f).startsWith("phi."));
    assertThat(step(chain, "deid.redact").get("details").get("policy").asText()).isNotBlank();
    JsonNode inference = step(chain, "inference.run").get("details");
    assertThat(inference.get("modelId").asText()).isNotBlank();
    assertThat(inference.get("promptSha256").asText()).hasSize(64);
    JsonNode decide = step(chain, "review.decide");
    assertThat(decide.get("details").get("reviewer").asText()).isEqualTo("demo-reviewer");
    assertThat(decide.get("details").get("decidedAt").asText()).isNotBlank();
    assertThat(step(chain, "writeback.create").get("entities").toString()).containsPattern("Task/[A-Za-z0-9-]+");

    String timeline = cli("audit", "replay", "--archive", archive.toString(), "--event-id",
        chain.get("eventId").asText());
    System.out.println("[DemoAuditChecks] replay of one portal message:\n" + timeline);
    assertThat(timeline).startsWith("exit 0").contains("FHIR_R4:Communication").contains("workflow=message-triage")
        .contains("promptSha256=").contains("demo-reviewer").contains("Task/");
  }

  /** A FHIR Communication routed to message-triage that went all the way to the EHR, with PHI findings. */
  private static JsonNode portalMessageChain(JsonNode chains) {
    for (JsonNode chain : chains) {
      String all = chain.toString();
      if (all.contains("FHIR_R4:Communication") && all.contains("message-triage") && all.contains("writeback.create")
          && step(chain, "deid.detect") != null && step(chain, "deid.detect").get("details").toString()
          .contains("phi.")) {
        return chain;
      }
    }
    throw new AssertionError("no portal message (FHIR Communication, message-triage) reached the EHR with findings");
  }

  private static JsonNode step(JsonNode chain, String subtype) {
    for (JsonNode s : chain.get("steps")) {
      if (s.get("subtype").asText().equals(subtype)) {
        return s;
      }
    }
    return null;
  }

  /** Runs the tools CLI in this JVM: "exit N", then what it printed on standard output. */
  static String cli(String... args) {
    CliRun run = CliRun.with(ToolsCli::execute, args);
    return "exit " + run.exit() + "\n" + run.out();
  }
}
