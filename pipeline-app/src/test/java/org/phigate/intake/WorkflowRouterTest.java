package org.phigate.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phigate.schema.SourceFormat;

class WorkflowRouterTest {

    private final WorkflowRouter defaults = WorkflowRouter.defaults();

    @Test
    void shouldRouteByDefaultRules() {
        assertThat(defaults.route(SourceFormat.HL7V2, "ADT^A08")).isEqualTo("registration");
        assertThat(defaults.route(SourceFormat.HL7V2, "MDM^T02")).isEqualTo("note-summary");
        assertThat(defaults.route(SourceFormat.HL7V2, "ORU^R01")).isEqualTo("result-follow-up");
        assertThat(defaults.route(SourceFormat.HL7V2, "SIU^S12")).isEqualTo("scheduling");
        assertThat(defaults.route(SourceFormat.HL7V2, "OML^O21")).isEqualTo("orders");
        assertThat(defaults.route(SourceFormat.HL7V2, "VXU^V04")).isEqualTo("immunization");
        assertThat(defaults.route(SourceFormat.FHIR_R4, "Communication")).isEqualTo("message-triage");
        assertThat(defaults.route(SourceFormat.FHIR_R4, "Composition")).isEqualTo("note-summary");
        assertThat(defaults.route(SourceFormat.FHIR_R4, "Observation")).isEqualTo("result-follow-up");
        assertThat(defaults.route(SourceFormat.FHIR_R4, "Basic")).isEqualTo(WorkflowRouter.UNROUTED);
    }

    @Test
    void shouldRouteABundleByItsMostSpecificEntry() {
        assertThat(defaults.routeBundle(Set.of("Patient", "Observation", "DiagnosticReport"))).isEqualTo("result-follow-up");
        assertThat(defaults.routeBundle(Set.of("Patient", "DocumentReference", "Communication"))).isEqualTo("message-triage");
        assertThat(defaults.routeBundle(Set.of("Patient", "Encounter"))).isEqualTo("registration");
        assertThat(defaults.routeBundle(Set.of("Basic"))).isEqualTo(WorkflowRouter.UNROUTED);
    }

    @Test
    void shouldBuildFromConfigurationWithEventOverrides() {
        WorkflowRouter r = WorkflowRouter.fromMap(Map.of(
                "HL7V2:ADT", "registration",
                "HL7V2:ADT^A03", "discharge-summary",
                "FHIR_R4:Observation", "vitals"), List.of("Observation"), "none");

        assertThat(r.route(SourceFormat.HL7V2, "ADT^A03")).isEqualTo("discharge-summary");
        assertThat(r.route(SourceFormat.HL7V2, "ADT^A01")).isEqualTo("registration");
        assertThat(r.routeBundle(Set.of("Observation"))).isEqualTo("vitals");
        assertThat(r.route(SourceFormat.HL7V2, "ORU^R01")).isEqualTo("none");
        assertThatThrownBy(() -> r.rules().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> WorkflowRouter.fromMap(Map.of("ADT", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
