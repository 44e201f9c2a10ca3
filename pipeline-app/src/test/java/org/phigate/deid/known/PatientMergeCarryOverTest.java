package org.phigate.deid.known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phigate.deid.known.Erasure;
import org.phigate.deid.testdata.TestKeys;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;
import org.phigate.security.CryptoException;

/** A merge's erasure request names the survivor; the retired values travel sealed for it and join its entry. */
class PatientMergeCarryOverTest {
  private static final String RETIRED = "PT-aaaaaaaaaaaa";
  private static final String SURVIVOR = "PT-bbbbbbbbbbbb";
  private final KnownIdentifierStore sealing = new KnownIdentifierStore(TestKeys.vaultCipher());

  private static StructuredField field(String path, PhiCategory category, String value, String party) {
    return new StructuredField(path, category, value, party, null);
  }

  @Test
  void shouldNameTheSurvivorOfAMergeOnly() {
    String request = PatientMerges.request("ev-7", SURVIVOR);

    assertThat(PatientMerges.survivor(request)).contains(SURVIVOR);
    assertThat(Erasure.decode(request)).isEqualTo(new Erasure(Erasure.PATIENT_MERGED, "ev-7", ""));
    assertThat(PatientMerges.request("ev-7", "")).isEqualTo("PATIENT_MERGED:ev-7");
    assertThat(PatientMerges.survivor("PATIENT_MERGED:ev-7")).isEmpty();
    // only a merge names a survivor, and only a patient token
    assertThat(PatientMerges.survivor("ADMIN_REQUEST:erase-1:user:alice|" + SURVIVOR)).isEmpty();
    assertThat(PatientMerges.survivor("PATIENT_MERGED:ev-7|800333")).isEmpty();
    assertThat(PatientMerges.withoutSurvivor(request)).isEqualTo("PATIENT_MERGED:ev-7");
    assertThat(PatientMerges.withoutSurvivor("ADMIN_REQUEST:erase-1")).isEqualTo("ADMIN_REQUEST:erase-1");
    assertThat(PatientMerges.withoutSurvivor(null)).isNull();
  }

  @Test
  void shouldCarryTheValuesSealedForExactlyThatSurvivorRetiredPatientAndMerge() {
    List<StructuredField> fields = List.of(field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"));
    KnownIdentifierCarryOver carried = new KnownIdentifierCarryOver(SURVIVOR, RETIRED, "ev-7",
        sealing.sealCarried(SURVIVOR, RETIRED, "ev-7", fields));

    String encoded = carried.encode();
    assertThat(encoded).startsWith("ev-7|" + RETIRED + "|").doesNotContain("Okonkwo").doesNotContain("Adaeze");
    KnownIdentifierCarryOver read = KnownIdentifierCarryOver.decode(SURVIVOR, encoded);
    assertThat(sealing.openCarried(read)).isEqualTo(fields);

    // re-keyed to another survivor, or read as a store value, it does not open
    KnownIdentifierCarryOver moved = KnownIdentifierCarryOver.decode("PT-cccccccccccc", encoded);
    assertThatThrownBy(() -> sealing.openCarried(moved)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> sealing.open(SURVIVOR, carried.sealed())).isInstanceOf(CryptoException.class);
  }

  @Test
  void shouldRefuseACarryOverThatIsNotOfItsForm() {
    String encoded = new KnownIdentifierCarryOver(SURVIVOR, RETIRED, "ev-7",
        sealing.sealCarried(SURVIVOR, RETIRED, "ev-7", List.of())).encode();

    assertThat(KnownIdentifierCarryOver.decode("800333", encoded)).isNull();
    assertThat(KnownIdentifierCarryOver.decode(null, encoded)).isNull();
    assertThat(KnownIdentifierCarryOver.decode(SURVIVOR, null)).isNull();
    assertThat(KnownIdentifierCarryOver.decode(SURVIVOR, "ev-7|" + RETIRED)).isNull();
    assertThat(KnownIdentifierCarryOver.decode(SURVIVOR, "ev-7|800111|AAAA")).isNull();
    assertThat(KnownIdentifierCarryOver.decode(SURVIVOR, "ev-7|" + RETIRED + "|not base64!")).isNull();
  }

  @Test
  void shouldKeepTheSurvivorsOwnValuesAndEvictTheRetiredOnesFirstBeyondTheCap() {
    KnownIdentifierPolicy policy = new KnownIdentifierPolicy(3, EnumSet.of(PhiCategory.NAME, PhiCategory.MRN),
        Set.of("patient", "relative"), Duration.ofDays(30));
    List<StructuredField> retired = List.of(
        field("PID-3", PhiCategory.MRN, "800111", "patient"),
        field("PID-6", PhiCategory.NAME, "Nwosu^Ifeoma", "relative"),
        field("NK1-2", PhiCategory.NAME, "Okonkwo^Adaeze", "relative"),
        // remembered under an earlier configuration: no longer kept
        field("PID-13", PhiCategory.PHONE, "(217)555-0143", "patient"));
    List<StructuredField> survivor = List.of(field("PID-3", PhiCategory.MRN, "800333", "patient"),
        field("PID-5", PhiCategory.NAME, "Okonkwo^Chidubem", "patient"));

    assertThat(policy.inherit(retired, survivor)).extracting(StructuredField::getPath, StructuredField::getValue)
        .containsExactly(
            tuple("NK1-2", "Okonkwo^Adaeze"),
            tuple("PID-3", "800333"),
            tuple("PID-5", "Okonkwo^Chidubem"));
    assertThat(policy.inherit(retired, List.of())).extracting(StructuredField::getPath)
        .containsExactly("PID-3", "PID-6", "NK1-2");
  }
}
