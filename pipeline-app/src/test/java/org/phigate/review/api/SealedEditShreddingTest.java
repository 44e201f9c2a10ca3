package org.phigate.review.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.review.auth.ReviewerRole;
import org.phigate.schema.ReviewDecision;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.security.keys.Envelope;
import org.phigate.security.keys.InMemoryDataKeyStore;
import org.phigate.security.keys.KeyShredder;
import org.phigate.security.keys.Pkcs12KeyEncryptionKeys;

/** A reviewer's edit is sealed under the item's patient's data key, so shredding the patient shreds the edit. */
class SealedEditShreddingTest {
  @TempDir
  Path dir;

  @Test
  void shouldShredAnEditedDraftWithItsPatient() {
    InMemoryDataKeyStore store = new InMemoryDataKeyStore();
    var keks = Pkcs12KeyEncryptionKeys.create(dir.resolve("kek.p12"), "pw".toCharArray(), "phigate-kek");
    FieldCipher cipher = new FieldCipher("review-1", Map.of(), new Envelope(keks, store, "north", Clock.systemUTC()));
    DecisionRequests requests = new DecisionRequests(ReasonCodes.shipped());
    ReviewPrincipal who = new ReviewPrincipal("dr-1", "https://issuer.example", Set.of(ReviewerRole.REVIEWER));

    ReviewDecision mine = requests.parse("{\"action\":\"edit-approve\",\"editedText\":\"Ms Quixtrot, call us.\"}")
        .decision("rev-1", who, Instant.now(), cipher, "PT-aaaaaaaaaaaa");
    ReviewDecision other = requests.parse("{\"action\":\"edit-approve\",\"editedText\":\"Mr Fenwhistle, all fine.\"}")
        .decision("rev-2", who, Instant.now(), cipher, "PT-bbbbbbbbbbbb");
    new KeyShredder(store).shred("north", "PT-aaaaaaaaaaaa", "req-1");

    assertThatThrownBy(() -> cipher.openString(mine.getSealedEditedText(), "rev-1"))
        .isInstanceOf(CryptoException.class).hasMessageNotContaining("Quixtrot");
    assertThat(cipher.openString(other.getSealedEditedText(), "rev-2")).isEqualTo("Mr Fenwhistle, all fine.");
  }
}
