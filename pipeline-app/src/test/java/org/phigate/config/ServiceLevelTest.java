package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.Urgency;

class ServiceLevelTest {
  @Test
  void shouldParseEachUnit() {
    assertThat(ServiceLevel.parse("30s").fixedLength()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ServiceLevel.parse("5m").fixedLength()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ServiceLevel.parse("4h").fixedLength()).isEqualTo(Duration.ofHours(4));
    assertThat(ServiceLevel.parse("1d").fixedLength()).isEqualTo(Duration.ofDays(1));
    assertThat(ServiceLevel.parse(" 2BD ")).isEqualTo(new ServiceLevel(2, ServiceLevel.Unit.BUSINESS_DAYS));
    assertThat(ServiceLevel.parse("2bd").label()).isEqualTo("2bd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0m", "-5m", "5", "m", "5 min", "PT5M", "1.5h", "1w", "1234567m"})
  void shouldRejectWhatIsNotAnSla(String text) {
    assertThatThrownBy(() -> ServiceLevel.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldParseWorkflowOverrides() {
    assertThat(ServiceLevel.parseOverrides("result-follow-up:routine=1bd, note-summary:soon=8h"))
        .containsExactly(new ServiceLevel.WorkflowOverride("result-follow-up", Urgency.ROUTINE,
                ServiceLevel.parse("1bd")),
            new ServiceLevel.WorkflowOverride("note-summary", Urgency.SOON, ServiceLevel.parse("8h")));
    assertThat(ServiceLevel.parseOverrides(" ")).isEmpty();
  }

  @Test
  void shouldReportBadReviewSlaSettingsWithTheKeyAndWhatIsExpected() {
    Settings settings = Settings.of(Map.of(ReviewConfig.SLA_URGENT.name(), "half an hour",
        ReviewConfig.SLA_WORKFLOWS.name(), "message-triage:asap=5m",
        ReviewConfig.SLA_ZONE.name(), "Mars/Olympus_Mons"));
    assertThat(ConfigValidator.problems(settings, ConfigCatalog.all(), java.util.List.of()))
        .anySatisfy(p -> assertThat(p).startsWith("review.sla.urgent = \"half an hour\": expected a whole number"))
        .anySatisfy(p -> assertThat(p).startsWith("review.sla.workflows = \"message-triage:asap=5m\": expected "))
        .anySatisfy(p -> assertThat(p).startsWith("review.sla.business.zone = \"Mars/Olympus_Mons\": expected "));
  }

  @Test
  void shouldDefaultToTheIssuesSlas() {
    ReviewConfig config = new ReviewConfig(new CommonConfig(Settings.of(Map.of())));
    assertThat(config.slaDefaults()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Urgency.EMERGENCY, ServiceLevel.parse("5m"), Urgency.URGENT, ServiceLevel.parse("30m"),
        Urgency.SOON, ServiceLevel.parse("4h"), Urgency.ROUTINE, ServiceLevel.parse("2bd")));
    assertThat(config.slaOverrides()).isEmpty();
  }
}
