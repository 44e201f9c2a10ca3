package org.phigate.intake.rules;

import org.phigate.deid.policy.Action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.schema.PhiCategory;

class StructuredRulesTest {
  @TempDir
  Path dir;

  @Test
  void shouldLoadTheShippedRulesWithEveryTableTheCodeHad() {
    StructuredRules r = StructuredRules.shipped();
    assertThat(r.hl7Rules()).extracting(Hl7Rule::key)
        .contains("PID-3", "PID-5", "PD1-3", "PD1-4", "NK1-2", "GT1-3", "IN1-16", "IN2-2", "MRG-7", "PV1-7",
            "MSH-4", "PRT-5", "OBX-5", "NTE-3");
    assertThat(r.personSegments()).containsExactlyInAnyOrder("PID", "NK1", "GT1", "IN1", "IN2", "MRG");
    assertThat(r.hl7Type("XCN").category()).isEqualTo(PhiCategory.NAME);
    assertThat(r.fhirRules()).extracting(FhirRule::path)
        .contains("Patient.birthDate", "nodesByType('HumanName')", "nodesByType('Narrative')", "RelatedPerson.*");
    assertThat(r.sources()).containsExactly("classpath:" + StructuredRules.SHIPPED_RESOURCE);
  }

  @Test
  void shouldMapEveryMethodOntoARedactionAction() {
    assertThat(RuleMethod.values()).allSatisfy(m -> assertThat(Arrays.stream(Action.values())
        .map(Enum::name)).contains(m.action()));
    assertThat(RuleMethod.parse("dateshift")).contains(RuleMethod.DATE_SHIFT);
  }

  @Test
  void shouldReplaceAddAndDropRulesFromASiteFile() throws IOException {
    Path site = Files.writeString(dir.resolve("site.json"), """
        {"hl7v2": {"rules": [{"field": "ZPI-3", "kind": "NAME", "category": "NAME", "party": "patient"},
                             {"field": "PID-6", "drop": true},
                             {"field": "PID-7", "kind": "DATE", "category": "DATE", "party": "patient",
                              "method": "generalize"}]},
         "fhir": {"rules": [{"path": "Observation.issued", "category": "DATE", "party": "patient"},
                            {"path": "nodesByType('Narrative')", "drop": true}]}}
        """);
    StructuredRules r = StructuredRules.withOverride(site.toString());
    assertThat(r.hl7Rules("ZPI")).singleElement().satisfies(z -> assertThat(z.kind()).isEqualTo(Hl7Rule.Kind.NAME));
    assertThat(r.hl7Rules("PID")).extracting(Hl7Rule::key).doesNotContain("PID-6");
    assertThat(r.hl7Rules("PID")).filteredOn(h -> h.field() == 7).singleElement()
        .satisfies(h -> assertThat(h.method()).isEqualTo(RuleMethod.GENERALIZE));
    assertThat(r.fhirRules().get(0).path()).isEqualTo("Observation.issued");
    assertThat(r.fhirRules()).extracting(FhirRule::path).doesNotContain("nodesByType('Narrative')");
    assertThat(r.sources()).hasSize(2).last().isEqualTo(site.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"hl7v2": {"rules": [{"field": "PID-5", "kind": "NAME", "category": "NAMES", "party": "patient"}]}} | hl7v2.rules[0] (PID-5): unknown category 'NAMES'
      {"hl7v2": {"rules": [{"field": "PID5", "kind": "NAME", "category": "NAME", "party": "patient"}]}}  | hl7v2.rules[0] (PID5): malformed field
      {"hl7v2": {"rules": [{"field": "PID-5", "kind": "NAME", "category": "NAME", "party": "patient", "method": "scramble"}]}} | hl7v2.rules[0] (PID-5): unknown method 'scramble'
      {"hl7v2": {"rules": [{"field": "PID-5", "kind": "NAME", "category": "NAME", "party": "neighbour"}]}} | unknown party 'neighbour'
      {"hl7v2": {"rules": [{"field": "PID-19", "kind": "STRING", "category": "SSN", "party": "patient", "method": "dateShift"}]}} | hl7v2.rules[0] (PID-19): method dateShift applies to category DATE only
      {"hl7v2": {"types": [{"type": "XTN", "kind": "PHONE", "category": "PHONE", "party": "provider", "method": "dateShift"}]}} | (XTN): method dateShift applies to category DATE only
      {"hl7v2": {"rules": [{"field": "ZZZ-1", "drop": true}]}}                                      | hl7v2.rules[0]: drop names no shipped rule (field 'ZZZ-1')
      {"fhir": {"rules": [{"path": "Patient.name.where(use='official')", "category": "NAME"}]}}      | fhir.rules[0] (Patient.name.where(use='official')): malformed path: functions
      {"fhir": {"rules": [{"path": "Patient.name[0]", "category": "NAME"}]}}                        | malformed path: indexes are not supported
      {"fhir": {"rules": [{"path": "Patient.name", "category": "NAME"}, {"path": "Patientt.name", "category": "NAME"}]}} | fhir.rules[1] (Patientt.name): malformed path: unknown FHIR R4 resource type 'Patientt'
      {"fhir": {"rules": [{"path": "nodesByType('HumanNames')", "category": "NAME"}]}}             | unknown FHIR R4 data type 'HumanNames'
      {"fhir": {"rules": [{"path": "nodesByType('HumanName').use", "method": "keep"}]}}             | nodesByType('Type') must stand alone
      {"fhir": {"rules": [{"path": "FamilyMemberHistory.condition.onset as Age", "method": "perturb"}]}} | type casts (as/is) are not supported
      {"fhir": {"rules": [{"path": "Patient.gender", "category": "GEO", "method": "dateShift"}]}}    | fhir.rules[0] (Patient.gender): method dateShift applies to category DATE only
      {"fhir": {"rules": [{"path": "Patient.gender", "category": "GEO", "span": 0.1}]}}              | unknown property 'span'
      {"fhir": {"rules": [{"path": "Patient.link", "method": "redact"}]}}                            | a rule without category sets the party below it
      {"fhirPathRules": []}                                                                         | top level: unknown section 'fhirPathRules'
      {"fhir": {"rules": [                                                                          | not valid JSON at line 1
      """)
  void shouldRejectABadSiteFileNamingTheRuleAndTheProblem(String json, String message) throws IOException {
    Path site = Files.writeString(dir.resolve("bad.json"), json);
    assertThatThrownBy(() -> StructuredRules.withOverride(site.toString()))
        .isInstanceOf(RulesException.class)
        .hasMessageContaining(site.toString())
        .hasMessageContaining(message.strip());
  }

  @Test
  void shouldSayWhenTheSiteFileIsMissing() {
    assertThatThrownBy(() -> StructuredRules.withOverride(dir.resolve("none.json").toString()))
        .isInstanceOf(RulesException.class).hasMessageContaining("not found");
  }
}
