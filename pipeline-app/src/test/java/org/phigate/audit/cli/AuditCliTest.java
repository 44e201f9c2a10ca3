package org.phigate.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.ArchiveWriter;
import org.phigate.audit.archive.LocalArchiveStore;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.cli.PhigateCli;
import org.phigate.schema.AuditAction;

/** The auditor commands end to end on a small archive: keygen, verify, replay, export, prove, check-proof. */
class AuditCliTest {
  @TempDir
  Path dir;
  Path archive;
  Path pub;

  @BeforeEach
  void archive() throws Exception {
    assertThat(run("audit", "keygen", "--out", dir.resolve("keys").toString())).contains("audit-signing.pub");
    pub = dir.resolve("keys/audit-signing.pub");
    archive = dir.resolve("archive");
    ArchiveWriter writer = ArchiveWriter.open(new LocalArchiveStore(archive),
        SigningKeys.readPair(dir.resolve("keys/audit-signing.key")), "phigate-audit/test");
    writer.append("phigate.audit.events", 0, 0, 6, chain("ev-1", "PT-1", 0));
    writer.append("phigate.audit.events", 1, 0, 6, chain("ev-2", "PT-2", 60));
  }

  @Test
  void shouldVerifyAndFailWithTheFirstProblemAndExitCode1() throws Exception {
    assertThat(run("audit", "verify", "--archive", archive.toString(), "--public-key", pub.toString()))
        .startsWith("exit 0").contains("OK").contains("14 records");
    Path seg = archive.resolve(ArchiveLayout.segment(1));
    byte[] bytes = Files.readAllBytes(seg);
    bytes[bytes.length / 2] ^= 0x20;
    seg.toFile().setWritable(true);
    Files.write(seg, bytes);
    assertThat(run("audit", "verify", "--archive", archive.toString(), "--public-key", pub.toString()))
        .startsWith("exit 1").contains("FAIL").contains("segments/00000000000000000001.avro has SHA-256");
  }

  @Test
  void shouldReplayOneEventFromIntakeToEhrWriteAsTimelineAndJson() throws Exception {
    String timeline = run("audit", "replay", "--archive", archive.toString(), "--patient-token", "PT-2");
    assertThat(timeline).contains("event ev-2").doesNotContain("event ev-1").contains("intake.normalize")
        .contains("phi.NAME=2").contains("promptSha256=").contains("reviewer=dr-who").contains("Task/42");
    assertThat(timeline.indexOf("intake.normalize")).isLessThan(timeline.indexOf("deid.detect"));
    assertThat(timeline.indexOf("review.decide")).isLessThan(timeline.indexOf("writeback.create"));
    String json = run("audit", "replay", "--archive", archive.toString(), "--event-id", "ev-1", "--json");
    assertThat(json).contains("\"eventId\" : \"ev-1\"").contains("\"subtype\" : \"writeback.create\"");
  }

  @Test
  void shouldExportABundleHapiParsesWithBalpRequiredElements() throws Exception {
    Path out = dir.resolve("bundle.json");
    assertThat(run("audit", "export", "--format", "fhir", "--archive", archive.toString(), "--out", out.toString()))
        .contains("14 FHIR AuditEvent");
    Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, Files.readString(out));
    assertThat(bundle.getEntry()).hasSize(14);
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      AuditEvent e = (AuditEvent) entry.getResource();
      assertThat(e.getType().getCode()).isNotBlank();
      assertThat(e.getAction()).isNotNull();
      assertThat(e.getRecorded()).isNotNull();
      assertThat(e.getOutcome()).isNotNull();
      assertThat(e.getAgent()).isNotEmpty().allSatisfy(a -> {
        assertThat(a.getWho().getIdentifier().getValue()).isNotBlank();
        assertThat(a.hasRequestor()).isTrue();
      });
      assertThat(e.getSource().getObserver().getIdentifier().getValue()).isNotBlank();
      assertThat(e.getEntity()).isNotEmpty().allSatisfy(en -> assertThat(en.getWhat().hasIdentifier()
          || en.getWhat().hasReference()).isTrue());
      if (!e.getSubtypeFirstRep().getCode().startsWith("intake")) {
        // BALP patient entity (role 1) by pseudonymous token; intake runs before the token exists
        assertThat(e.getEntity()).anySatisfy(en -> assertThat(en.getRole().getCode()).isEqualTo("1"));
      }
    }
    AuditEvent decide = bundle.getEntry().stream().map(b -> (AuditEvent) b.getResource())
        .filter(e -> e.getSubtype().get(0).getCode().equals("review.decide")).findFirst().orElseThrow();
    assertThat(decide.getAgent()).anySatisfy(a -> {
      assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("dr-who");
      assertThat(a.getRequestor()).isTrue();
      assertThat(a.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
    });
  }

  @Test
  void shouldProveOneRecordCheckableWithoutTheArchiveAndRejectATamperedProof() throws Exception {
    Path proof = dir.resolve("proof.json");
    run("audit", "prove", "--archive", archive.toString(), "--record", "3", "--out", proof.toString());
    Files.walk(archive).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    assertThat(run("audit", "check-proof", "--proof", proof.toString(), "--public-key", pub.toString()))
        .startsWith("exit 0").contains("OK");
    String text = Files.readString(proof);
    String path0 = text.split("\"inclusionPath\" : \\[ \"")[1].substring(0, 64);
    String flipped = path0.substring(0, 10) + (path0.charAt(10) == 'a' ? 'b' : 'a') + path0.substring(11);
    Files.writeString(proof, text.replace(path0, flipped));
    assertThat(run("audit", "check-proof", "--proof", proof.toString(), "--public-key", pub.toString()))
        .startsWith("exit 1").contains("FAIL");
  }

  static List<org.phigate.schema.AuditEvent> chain(String ev, String token, int second) {
    Clock t = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z").plusSeconds(second), ZoneOffset.UTC);
    AuditEvents intake = new AuditEvents("intake", "service:intake", "test/intake", t);
    AuditEvents deid = new AuditEvents("deid", "service:deid", "test/deid", t);
    AuditEvents inference = new AuditEvents("inference", "service:inference", "test/inference", t);
    AuditEvents review = new AuditEvents("review", "service:review", "test/review", t);
    AuditEvents writeback = new AuditEvents("writeback", "service:writeback", "test/writeback", t);
    return List.of(
        intake.event("intake.normalize", AuditAction.C, ev).entity(ev, "ClinicalEvent", "4")
            .entity("FHIR_R4:Communication", "source-message-type", "3").detail("workflow", "message-triage").build(),
        deid.event("deid.detect", AuditAction.R, ev).patientToken(token).entity(ev, "ClinicalEvent", "4")
            .detail("phi.NAME", 2).detail("findings", 2).build(),
        deid.event("deid.redact", AuditAction.C, ev).patientToken(token).entity(ev, "DeidentifiedEvent", "4")
            .detail("policy", "safe-harbor-v1").detail("phi.NAME", 2).build(),
        inference.event("inference.run", AuditAction.E, ev).patientToken(token).entity(ev, "DeidentifiedEvent", "4")
            .detail("modelId", "m").detail("promptSha256", "ab".repeat(32)).build(),
        review.event("review.hold", AuditAction.C, ev).patientToken(token).entity("rv-" + ev, "ReviewItem", "4")
            .build(),
        review.event("review.decide", AuditAction.U, ev).patientToken(token).agent("dr-who", "attending", true)
            .entity("rv-" + ev, "ReviewItem", "4").detail("decision", "APPROVE").detail("reviewer", "dr-who").build(),
        writeback.event("writeback.create", AuditAction.C, ev).type(AuditEvents.TYPE_REST).patientToken(token)
            .entity("rv-" + ev, "ReviewItem", "4").entity("Task/42", "Task", "3").build());
  }

  /** Runs the CLI and returns "exit N\n" + stdout. */
  static String run(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = PhigateCli.execute(args);
    } finally {
      System.setOut(stdout);
    }
    return "exit " + exit + "\n" + out.toString(StandardCharsets.UTF_8);
  }
}
