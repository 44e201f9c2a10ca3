package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Narrative;
import org.junit.jupiter.api.Test;
import org.phigate.schema.TextPart;

class FhirJsonReaderTest {
  private static final IntakeParser PARSER = new IntakeParser();
  private static final String NS = "xmlns=\\\"http://www.w3.org/1999/xhtml\\\"";

  private static NormalizedMessage parsed(byte[] payload, String contentType, boolean strict) {
    ParseResult r = PARSER.parse(payload, contentType, strict);
    assertThat(r).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) r).message();
  }

  private static List<Path> jsonSamples() throws IOException, URISyntaxException {
    Path root = Path.of(FhirJsonReaderTest.class.getResource("/samples/fhir").toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void shouldRenderEveryShippedNarrativeFromItsRawXhtmlAsFromHapisXhtmlDom() throws Exception {
    FhirContext ctx = FhirContext.forR4Cached();
    int narratives = 0;
    for (Path sample : jsonSamples()) {
      byte[] json = Files.readAllBytes(sample);
      ParseResult raw = PARSER.parse(json, IntakeParser.FHIR_JSON, true);
      if (raw instanceof ParseResult.Rejected) { // an image Binary
        continue;
      }
      // HAPI's own parse builds every narrative's XHTML DOM; intake used to render from it
      IBaseResource stock = ctx.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
      List<Narrative> all = new java.util.ArrayList<>();
      narratives((org.hl7.fhir.r4.model.Base) stock, all, 0);
      List<String> fromDom = all.stream().filter(Narrative::hasDiv).map(n -> FhirText.stripTags(n.getDivAsString())).filter(t -> !t.isBlank())
          .toList();
      List<String> fromRaw = ((ParseResult.Parsed) raw).message().phi().getTextParts().stream()
          .filter(t -> t.getPath().endsWith("text.div")).map(TextPart::getText).toList();
      assertThat(fromRaw).as(sample.getFileName().toString()).containsExactlyInAnyOrderElementsOf(fromDom);
      narratives += fromRaw.size();
    }
    assertThat(narratives).as("the samples hold narratives").isGreaterThan(20);
  }

  private static void narratives(org.hl7.fhir.r4.model.Base node, List<Narrative> out, int depth) {
    if (node instanceof Narrative n) {
      out.add(n);
      return;
    }
    for (org.hl7.fhir.r4.model.Property p : depth > 64 ? List.<org.hl7.fhir.r4.model.Property>of() : node.children()) {
      for (org.hl7.fhir.r4.model.Base v : p.getValues()) {
        if (v != null) {
          narratives(v, out, depth + 1);
        }
      }
    }
  }

  @Test
  void shouldReadTheNarrativesOfBundleEntriesAndContainedResources() {
    String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{"
        + "\"resourceType\":\"Patient\",\"id\":\"p1\",\"text\":{\"status\":\"generated\",\"div\":\"<div " + NS
        + "><p>Quimby &amp; Zorander</p></div>\"},\"contained\":[{\"resourceType\":\"RelatedPerson\",\"id\":\"r1\","
        + "\"patient\":{\"reference\":\"#\"},\"text\":{\"status\":\"generated\",\"div\":\"<div " + NS
        + ">Mother: Ysolde</div>\"}}]}}]}";
    List<TextPart> parts = parsed(json.getBytes(StandardCharsets.UTF_8), IntakeParser.FHIR_JSON, true).phi()
        .getTextParts();

    assertThat(parts).extracting(TextPart::getText).contains("Quimby & Zorander", "Mother: Ysolde");
    assertThat(parts).extracting(TextPart::getPath).allMatch(p -> p.endsWith(".text.div"));
  }

  @Test
  void shouldRefuseANarrativeHapisXhtmlCheckRefusesOnEveryPath() {
    for (String div : List.of("<div " + NS + ">a&nbsp;b</div>", "<div " + NS + "><p>unclosed</div>")) {
      byte[] json = ("{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"" + div + "\"}}")
          .getBytes(StandardCharsets.UTF_8);
      for (boolean strict : new boolean[] {true, false}) {
        ParseResult r = PARSER.parse(json, IntakeParser.FHIR_JSON, strict);
        assertThat(r).as("%s strict=%s", div, strict).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).reasonCode()).isEqualTo("FHIR_PARSE_ERROR");
      }
    }
  }

  @Test
  void shouldReadFeedsAsHapiDoesAndTheRestEdgeStrictly() {
    byte[] singleQuoted = "{'resourceType':'Patient','id':'q1','name':[{'family':'Quimby'}]}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] duplicateKey = "{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    byte[] loneSurrogate = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Q\\uD800\"}]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(parsed(singleQuoted, IntakeParser.FHIR_JSON, false).sourceMessageId()).isEqualTo("q1");
    for (byte[] body : List.of(singleQuoted, duplicateKey, loneSurrogate)) {
      assertThat(PARSER.parse(body, IntakeParser.FHIR_JSON, true)).isInstanceOf(ParseResult.Rejected.class);
    }
    assertThat(PARSER.parse("[{\"resourceType\":\"Patient\"}]".getBytes(StandardCharsets.UTF_8),
        IntakeParser.FHIR_JSON, true)).isEqualTo(ParseResult.Rejected.of(ParseResult.Reason.FHIR_NOT_A_RESOURCE,
        "resourceType"));
    assertThat(PARSER.parse("{\"resourceType\":\"Spaceship\"}".getBytes(StandardCharsets.UTF_8),
        IntakeParser.FHIR_JSON, false)).isEqualTo(ParseResult.Rejected.of(
        ParseResult.Reason.FHIR_UNSUPPORTED_RESOURCE, "resourceType"));
  }

  @Test
  void shouldKeepDecimalsExactAsHapiReadsThem() {
    byte[] json = ("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
        + "\"valueQuantity\":{\"value\":1.50}}").getBytes(StandardCharsets.UTF_8);
    org.hl7.fhir.r4.model.Observation o;
    try {
      o = (org.hl7.fhir.r4.model.Observation) FhirJsonReader.read(new String(json, StandardCharsets.UTF_8), true,
          (ca.uhn.fhir.parser.IJsonLikeParser) FhirParsing.parser(true, true));
    } catch (FhirJsonReader.Refused e) {
      throw new AssertionError(e.failure().name());
    }
    assertThat(o.getValueQuantity().getValueElement().getValueAsString()).isEqualTo("1.50");
  }
}
