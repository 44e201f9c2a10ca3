package org.phigate.deid.testdata;

import java.util.List;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/**
 * Short synthetic clinical notes with gold PHI. Every person, place and number is invented; the distractors
 * (eponyms, strengths, vitals, doses, intervals, bare years) must stay.
 */
public final class SyntheticNotes {
  private SyntheticNotes() {}

  /** Structured fields of the patient the notes are about (HL7 v2 renderings). */
  public static List<StructuredField> patientFields() {
    return List.of(
        new StructuredField("PID-5", PhiCategory.NAME, "QUIXTROT^ZEBULONIA^M", "patient", null),
        new StructuredField("PID-7", PhiCategory.DATE, "19620320", "patient", null),
        new StructuredField("PID-11", PhiCategory.GEO, "4417 Marrowbend Ln^^Grelmsford^MA^01863^USA", "patient", null),
        new StructuredField("PID-13", PhiCategory.PHONE, "(978)555-0147", "patient", null),
        new StructuredField("PID-3", PhiCategory.MRN, "MR7730412^^^NORTHSHORE^MR", "patient", null),
        new StructuredField("NK1-2", PhiCategory.NAME, "QUIXTROT^BARNABY", "relative", null),
        new StructuredField("PID-19", PhiCategory.SSN, "123-45-6789", "patient", null));
  }

  public static List<AnnotatedNote> notes() {
    return List.of(
        AnnotatedNote.of("n01", """
            {NAME:Quixtrot, Zebulonia} is a 61F seen on {DATE:03/14/2024} for follow up of Parkinson's disease.
            Strength 5/5 in all extremities. BP 120/80, HR 72. Take 2 tablets twice daily.
            Follow up in 2 weeks. Diagnosed in 2015."""),
        AnnotatedNote.of("n02", """
            Pt {NAME:Zebulonia} {NAME:Quixtrot} (DOB {DATE:March 20, 1962}) called from {PHONE:978-555-0147}.
            Her son {NAME:Barnaby} will drive her. Hx of Hodgkin's lymphoma in 1998, s/p 6 cycles."""),
        AnnotatedNote.of("n03", """
            Mrs. {NAME:Quixtrot}'s home: {GEO:4417 Marrowbend Ln}, {GEO:Grelmsford}, MA {GEO:01863}.
            MRN: {MRN:MR7730412}. Lives alone, uses a cane. Gait 3/5 on the left."""),
        AnnotatedNote.of("n04", """
            Referred by Dr. {NAME:Ignatius Fenwhistle} at {GEO:Lindenmoor General Hospital}.
            Fax results to {FAX:(617) 555-0199}. Office phone {PHONE:617-555-0123}.
            Troponin 0.02, creatinine 1.1. Repeat labs in 3 months."""),
        AnnotatedNote.of("n05", """
            {DATE:94}-year-old man, retired machinist, seen {DATE:2024-02-09}. Lives in {GEO:Vellbrook}, NH.
            Ejection fraction 35%. Metoprolol 25 mg daily. Graves' disease history since 1987."""),
        AnnotatedNote.of("n06", """
            Patient portal message from {EMAIL:z.quixtrot@mailbox.example} on {DATE:1/5/24}:
            "Can I take 2 Tylenol with my 10 mg lisinopril?" Reply within 2 business days."""),
        AnnotatedNote.of("n07", """
            SSN {SSN:123-45-6789} on file. Member ID {HEALTH_PLAN_ID:XJH4429901}, acct {ACCOUNT:55021877}.
            Apgar 8/9. Glasgow 15. Alzheimer's screen negative."""),
        AnnotatedNote.of("n08", """
            Device check from IP {IP:10.20.30.40}, upload to {URL:https://portal.example.org/pt/7731}.
            Pacemaker serial {DEVICE_ID:PX-99812-B}. Battery 7 years remaining. Lead impedance 520 ohms."""),
        AnnotatedNote.of("n09", """
            Age {DATE:97}, lives at {GEO:12 Thistlewood Ave}, {GEO:Corvane}, NY {GEO:14850}.
            Daughter Ms. {NAME:Orvilla Brackenbury} is the health care proxy. Seen by Dr. {NAME:Wimbleton}.
            Vitals: T 98.6 F, RR 16, SpO2 97% on RA."""),
        AnnotatedNote.of("n10", """
            {NAME:ZEBULONIA  QUIXTROT} was admitted {DATE:Feb. 3rd, 2024} and discharged on {DATE:2/7}.
            Cranial nerves II-XII intact. Reflexes 2+ symmetric. Return in 6 months or 2024 as needed."""),
        AnnotatedNote.of("n11", """
            Discussed with {NAME:Zebulonia
            Quixtrot} and her son by phone at {PHONE:978.555.0147}. Plan: MRI brain, EEG.
            {DATE:91} yo neighbor also present. Dose: 1-2 puffs q4h prn."""),
        AnnotatedNote.of("n12", """
            Hearing aid order {DATE:20240311}. Babinski sign absent. Hep B vaccine series 3 of 3.
            Call {PHONE:(978) 555-0147 ext 12} with questions. Vaccines up to date as of 2023."""));
  }

  /** Structured fields plus every note as a text part. */
  public static PhiContent content() {
    List<TextPart> parts = notes().stream().map(n -> new TextPart("note/" + n.id(), n.text())).toList();
    return new PhiContent("MR7730412", patientFields(), parts);
  }
}
