package org.phigate.inference.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phigate.schema.Urgency;

class DraftRepliesTest {
  private final DraftReplies drafts = DraftReplies.shipped();

  @Test
  void shouldHaveAReplyForEveryCategoryAndUrgency() {
    for (String c : DraftReplies.CATEGORIES) {
      for (Urgency u : Urgency.values()) {
        assertThat(drafts.triage(c, u, false)).as(c + "/" + u).isNotBlank().hasSizeLessThan(500);
      }
    }
  }

  @Test
  void shouldTellEveryEmergencyToCall911() {
    for (String c : DraftReplies.CATEGORIES) {
      assertThat(drafts.triage(c, Urgency.EMERGENCY, false)).as(c).contains("911");
    }
  }

  @Test
  void shouldGiveCrisisResourcesForCrisis() {
    assertThat(drafts.triage("appointment", Urgency.ROUTINE, true)).contains("988").contains("911");
  }

  @Test
  void shouldNeverDiagnose() {
    for (String c : DraftReplies.CATEGORIES) {
      for (Urgency u : Urgency.values()) {
        assertThat(drafts.triage(c, u, false).toLowerCase()).as(c + "/" + u)
            .doesNotContain("you have a ").doesNotContain("diagnos");
      }
    }
  }
}
