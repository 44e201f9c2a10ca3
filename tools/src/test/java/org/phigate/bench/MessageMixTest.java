package org.phigate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;

class MessageMixTest {
  @Test
  void shouldGenerateEveryKindAsInputIntakeAccepts() {
    MessageMix mix = new MessageMix(MessageMix.parseWeights("adt=1,oru=1,portal=1,bundle=1"), 0.0, 0, 7);

    List<MessageMix.Message> messages = mix.generate("t", 40);

    IntakeParser parser = new IntakeParser();
    assertThat(messages).extracting(MessageMix.Message::kind).contains("adt", "oru", "portal", "bundle");
    for (MessageMix.Message m : messages) {
      assertThat(parser.parse(m.payload(), m.contentType())).as(m.kind()).isInstanceOf(ParseResult.Parsed.class);
    }
  }

  @Test
  void shouldNameAGeneratedPatientThatIntakeKeysTheMessageBy() {
    MessageMix mix = new MessageMix(MessageMix.parseWeights("adt=1,oru=1,portal=1,bundle=1"), 0.0, 0, 7, 5);

    List<MessageMix.Message> messages = mix.generate("t", 40);

    IntakeParser parser = new IntakeParser();
    Set<String> pool = new HashSet<>();
    for (int p = 0; p < 5; p++) {
      pool.add(MessageMix.mrn(p));
    }
    for (MessageMix.Message m : messages) {
      ParseResult.Parsed parsed = (ParseResult.Parsed) parser.parse(m.payload(), m.contentType());
      assertThat(m.patientMrn()).as(m.kind()).isIn(pool);
      assertThat(parsed.message().phi().getPatientKey()).as(m.kind()).isEqualTo(m.patientMrn());
    }
    assertThat(messages).extracting(MessageMix.Message::patientMrn).hasSizeGreaterThan(1);
  }

  @Test
  void shouldInflateLargeMessagesToTheAskedSize() {
    MessageMix mix = new MessageMix(MessageMix.parseWeights("oru=1,bundle=1"), 1.0, 200_000, 7);

    List<MessageMix.Message> messages = mix.generate("t", 6);

    IntakeParser parser = new IntakeParser();
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.kind()).endsWith("-large");
      assertThat(m.payload().length).isGreaterThanOrEqualTo(200_000);
      assertThat(parser.parse(m.payload(), m.contentType())).isInstanceOf(ParseResult.Parsed.class);
    });
  }

  @Test
  void shouldGiveEveryMessageItsOwnBytes() {
    MessageMix mix = new MessageMix(MessageMix.parseWeights("adt=1,bundle=1"), 0.0, 0, 7);

    Set<String> distinct = new HashSet<>();
    mix.generate("t", 50).forEach(m -> distinct.add(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(distinct).hasSize(50);
  }

  @Test
  void shouldRejectUnknownKinds() {
    assertThatThrownBy(() -> MessageMix.parseWeights("adt=1,lab=2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lab");
  }
}
