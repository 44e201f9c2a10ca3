package org.phigate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.IntakeConfig;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.NormalizedMessage;
import org.phigate.intake.ParseResult;
import org.phigate.intake.WorkflowRouter;
import org.phigate.intake.rules.RulesException;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate intake parse FILE...`: what intake makes of each file, PHI masked unless asked for. */
@Command(name = "intake", mixinStandardHelpOptions = true, description = "Intake tools for integration engineers.",
    subcommands = {IntakeCommand.Parse.class})
public final class IntakeCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Parses files offline, exactly as the intake stage would. */
  @Command(name = "parse", mixinStandardHelpOptions = true, description = "Print, per file, the normalized event as "
      + "JSON or the dead-letter reason, with the site's structured rules (--config, --rules). Exit 0 when every file "
      + "normalized, 1 when some would be dead-lettered, 2 when the settings or rules are invalid.")
  public static final class Parse implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "HL7 v2 (ER7) or FHIR R4 JSON/XML files.")
    List<Path> files;

    @Option(names = "--show-phi", description = "Print PHI values (names, ids, dates, free text) unmasked.")
    boolean showPhi;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Declared content type (default: sniffed "
        + "from the payload), e.g. application/hl7-v2, application/fhir+json, application/fhir+xml.")
    String contentType;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file, as for `run --role intake`: "
        + "intake.structured.rules.file (the site's structured-PHI rules), intake.max.payload.bytes; PHIGATE_* "
        + "environment variables apply too.")
    Path config;

    @Option(names = "--rules", paramLabel = "FILE", description = "A site rule file to use instead of the one the "
        + "settings name, e.g. to check what a new file extracts before deploying it.")
    Path rules;

    @Override
    public Integer call() throws IOException {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      IntakeParser parser;
      int maxPayloadBytes;
      try {
        if (config != null && !config.toFile().isFile()) {
          throw new ConfigException("config file " + config + " does not exist");
        }
        IntakeConfig intake = new IntakeConfig(CommonConfig.load(config));
        maxPayloadBytes = intake.maxPayloadBytes();
        String site = rules != null ? rules.toString() : intake.structuredRulesFile();
        parser = new IntakeParser(WorkflowRouter.defaults(), StructuredRules.withOverride(site));
      } catch (RulesException | ConfigException e) {
        // both messages name only the setting, file, rule index and problem; neither holds PHI
        System.err.println("phigate intake parse: " + CliErrors.describe(e));
        return 2;
      }
      boolean allNormalized = true;
      for (Path file : files) {
        ObjectNode out = json.createObjectNode().put("file", file.toString());
        try {
          byte[] payload = Files.readAllBytes(file);
          ParseResult result = payload.length > maxPayloadBytes
              ? new ParseResult.Rejected("PAYLOAD_TOO_LARGE", "", "payload of " + payload.length
                  + " bytes exceeds intake.max.payload.bytes=" + maxPayloadBytes)
              : parser.parse(payload, contentType);
          if (result instanceof ParseResult.Parsed parsed) {
            describe(out, parsed.message());
          } else {
            ParseResult.Rejected rejected = (ParseResult.Rejected) result;
            out.put("status", "dead-lettered").put("reasonCode", rejected.reasonCode())
                .put("location", rejected.location()).put("reason", rejected.reasonMessage());
            allNormalized = false;
          }
        } catch (IOException | RuntimeException e) {
          out.put("status", "dead-lettered").put("reasonCode", "FILE_UNREADABLE")
              .put("reason", "cannot read the file (" + e.getClass().getSimpleName() + ")");
          allNormalized = false;
        }
        System.out.println(json.writeValueAsString(out));
      }
      return allNormalized ? 0 : 1;
    }

    private void describe(ObjectNode out, NormalizedMessage m) {
      out.put("status", "normalized").put("format", m.format().name()).put("messageType", m.messageType())
          .put("sourceVersion", m.sourceVersion()).put("sourceMessageId", m.sourceMessageId())
          .put("workflow", m.workflow()).put("phiShown", showPhi)
          .put("patientKey", mask(m.phi().getPatientKey(), "id"));
      ArrayNode fields = out.putArray("fields");
      for (StructuredField f : m.phi().getFields()) {
        fields.addObject().put("path", f.getPath()).put("category", f.getCategory().name())
            .put("party", f.getParty()).put("value", mask(f.getValue(), f.getCategory().name()));
      }
      ArrayNode texts = out.putArray("textParts");
      for (TextPart t : m.phi().getTextParts()) {
        texts.addObject().put("path", t.getPath()).put("text", mask(t.getText(), "text"));
      }
    }

    private String mask(String value, String what) {
      return showPhi || value == null ? value : "<" + what + ", " + value.length() + " chars>";
    }
  }
}
