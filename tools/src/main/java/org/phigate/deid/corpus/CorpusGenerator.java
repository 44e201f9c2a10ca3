package org.phigate.deid.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.notes.Note;

/**
 * The development corpus: synthetic notes of nine kinds (one with non-US addresses and phones, one with cue-less
 * single names among invented drug, device and payer names) with gold PHI spans and clinical distractors. Deterministic
 * for a seed. Every person, place and number is generated; half the names are held out of the detection dictionaries.
 */
public final class CorpusGenerator {
  /** Marks a template whose filled note is typed all in lower case (portal messages often are). */
  static final String LOWER = "lower:";

  /** Note kinds and their templates ({key} slots are filled by {@link CorpusValues}). */
  public static final Map<String, List<String>> KINDS = Map.of(
      "nursing", List.of("""
          NURSING NOTE {DATE} 0700-1900
          Pt {P} resting in bed, A&Ox3. {DX1}. {DX2}. Vitals stable, {DX3}.
          {REL} {RF} at bedside, updated on plan; can be reached at {PHONE2}.
          Meds given: {MED}. Pt ambulated with assist x1. Will continue to monitor.
          {NURSE}, RN""", """
          Shift note: {AGE} yo pt, MRN {MRN}, admitted {DATE3} for CHF exacerbation. {DX1}; {DX4}.
          Mrs. {PL} reports pain 3/10 after {MED}. Seen by Dr. {DRL} this AM.
          Her {REL}, {R}, called at 1400 asking for an update. Discharge planning with case management.
          Signed: {NURSE}"""),
      "discharge", List.of("""
          DISCHARGE SUMMARY
          Patient: {PLF}    DOB: {DOB}    MRN: {MRN}    Acct #: {ACCT}
          Admission date: {DATE3}    Discharge date: {DATE}
          Attending: {DR}, MD
          HPI: {P} is a {AGE} year old with {DX1} and {DX2} who presented with dyspnea. Workup notable for {DX3}.
          Discharged home to {STREET}, {CITY}, {STATE} {ZIP} with {REL}. Follow up at {FAC} in 2 weeks.
          Medications: {MED}. {DX4}.
          cc: {CC}""", """
          Discharge Summary - {FAC}
          {P} (MRN {MRN}) was admitted on {DATE3} and discharged on {DATE}.
          Hospital course: {DX1}. {DX2}. Patient was seen in consultation by Dr. {DR}.
          Insurance member ID {MEMBER}. Contact: {R} ({REL}) {PHONE2}.
          Home: {STREET}, {CITY}, {STATE} {ZIP}. Diagnosed in {YEAR}; {DX3}.
          Electronically signed by {DR} on {DATE2}"""),
      "portal", List.of("""
          Portal message from {P} <{EMAIL}> sent {DATE}:
          Hi Dr. {DRL}, my {REL} {RF} says I should ask whether I can take {MED} with my other pills.
          My {DX1} has been worse since {DATE3}. Please call me at {PHONE}. Thanks, {PF}""", """
          Subject: refill request
          From: {P}
          Dear Dr. {DRL},
          I am out of {MED}. My pharmacy fax is {FAX}. You can also reach me at {EMAIL} or {PHONE}.
          I uploaded my glucose log at {URL} (logged in from {IP}). {DX1}, {DX2}.
          Sincerely,
          {P}""", """
          Portal message sent {DATE}
          hi, my name is {PLOW} and i had {DX1}. i take lasix, coreg and lisinopril, is that ok with {MED}?
          my {REL} says to follow up with dr {DRL}. please call me at {PHONE}. see you soon, {DRL}!
          ps: {RF}'s phone is {PHONE2}. thanks, {PFLOW}""", LOWER + """
          Hi Dr. {DRL}, this is {P}. My {REL} {R} drove me home after the visit on {DATE}.
          Can I take {MED} with Zolvexa? {RF} says Zolvexa was titrated last week and Coreg was held. {DX1}.
          Pain 4/10, BP 132/84 this morning. My number is {PHONE}. Thanks, {PF}""", LOWER + """
          Message from {P} sent {DATE}: hello, my {REL} {RF} has had a fever since {DATE3}, temp 101.2,
          took Tylenol 500 mg at 0800. {DX1}; {DX2}. Our address is {STREET}, {CITY}, {STATE} {ZIP}.
          Please have {NURSE} or Dr. {DRL} call {PHONE2}.
          - {PF}""", """
          Portal message sent {DATE}
          Hello Dr. {DRL}, the {PL} family says thank you. {RF} began walking again on {DATE3}.
          Zolvexa was titrated last week, Eliquis is held until Monday and Coreg was increased. {DX1}.
          {PL} has been sleeping better. Please call {PHONE} with questions.
          {PF}""", """
          hi, i moved in with my daughter, she lives on {LOWST} now. i am on lasix 40 and aspirin 81 mg, was on
          3 west 12 in room 4 bed 2 last week and pain is at level 4. can the nurse come there? thanks!"""),
      "referral", List.of("""
          {FAC}
          {STREET}, {CITY}, {STATE} {ZIP}
          Phone {PHONE}   Fax {FAX}
          {DATE}
          Dear Dr. {DRL},
          Thank you for seeing {P}, DOB {DOB}, a {AGE}-year-old with {DX1} and {DX2}.
          Insurance: member {MEMBER}. Relevant history: {DX3}; {DX4}. Current meds: {MED}.
          Her {REL} {R} will accompany her.
          Sincerely,
          {CC}, MD"""),
      "radiology", List.of("""
          RADIOLOGY REPORT   Accession: {ACC}   MRN: {MRN}
          Patient: {PLF}   DOB: {DOB}   Exam date: {DATE}
          Ordering physician: Dr. {DR}
          EXAM: MRI brain without contrast. HISTORY: {DX1}. Comparison: {DATE3}.
          FINDINGS: No acute infarct. Pacemaker serial {SERIAL} noted; MR-conditional. {DX2}.
          IMPRESSION: Stable. Images available at {URL}.
          Interpreted by: {CC}, MD on {DATE2}""", """
          CT CHEST {DATE} - {FAC}
          {P}, {AGE} yo, MRN {MRN}. Indication: {DX1}; {DX3}.
          Device: loop recorder serial number {SERIAL}. Workstation {IP6}.
          Read by Dr. {DRL}. Results called to {NURSE} at {PHONE}."""),
      "phone", List.of("""
          TELEPHONE ENCOUNTER {DATE}
          Caller: {R} ({REL} of patient) at {PHONE2}
          Re: {P}, DOB {DOB}
          {REL} reports pt fell at home ({STREET}) last night; no LOC. {DX1}. Advised ED eval at {FAC}.
          Pt's driver's license {LIC} and plate {PLATE} given for the parking pass. SSN {SSN} verified.
          Spoke with {NURSE}. Call back number {PHONE}.""", """
          Phone note: left message for {PF} {PL} on {DATE} re: lab results ({DX1}, {DX2}).
          Returned call from {R} at {PHONE2}; questions about {MED}. Account {ACCT}.
          Per Dr. {DRL}, follow up on {DATE2}. {DX3}.""", """
          TELEPHONE ENCOUNTER {DATE}
          Mrs. {ES} called about her {REL} {PSUF} ({DX1}). Today {PL} reports dizziness on Lasix, Coreg and
          Lisinopril; Parkinson's, Graves' and Addison's disease were excluded last year. {ES} will bring the
          pill bottles. Her children {K1}, {K2} and {K3} visit daily. To follow up with {DRMI} on {DATE2}."""),
      "clinic", List.of("""
          CLINIC VISIT {DATE}
          Pt {P} seen for {DX1}. {BRAND} 20 mg was started in May; nausea after {BRAND}, so switched to {BRAND2}.
          Cultures from {DATE3} grew {ORG}. The {DEVCO} {DEV} was checked today. Patient currently has {INS}.
          History of {EPO}. Lives alone; {H1} checks on her daily and {H2} does the shopping.
          Pt asked whether {H3} could stay overnight. Seen by Dr. {DRL}.""", """
          Clinic note {DATE}: {P}, {AGE} yo, follow-up of {DX1}.
          {H1} and {H2} were present for the family meeting. Pt reports {BRAND} causes dizziness; continue {BRAND2}.
          Rep from {DEVCO} replaced the {DEV}. {EPO} noted on exam. Stool positive for {ORG}.
          Coverage through {INS}; prior authorization for {BRAND} pending. Why is {H3} not answering the phone?
          Mailed her the {BRAND3} savings offer. Plan per Dr. {DRL}.""", """
          CLINIC VISIT {DATE}
          {P} returns for {DX1}; {DX2}. Visitors today: {H1}, {H2} and {H3}.
          Taking {BRAND} 10 mg daily and {BRAND2} as needed. {DEVCO} {DEV} data reviewed; {EPO}.
          {INS} denied the claim, so the {DEVCO} rep will call. Sputum grew {ORG}. Gave her the {BRAND2} savings
          offer and a {DEVCO} starter guide. Signed: Dr. {DRL}"""),
      "international", List.of("""
          Transfer note {DATE}: {P} returns from overseas care for {DX1}.
          Staying at {IADDR} until {DATE2}; reachable on {IPHONE}.
          Her {REL} {R} ({IPHONE2}) will bring records. Seen by Dr. {DRL}. {DX2}; {MED}.""", """
          Letter from {FAC}
          Re: {P}, DOB {DOB}
          {IADDR}
          Tel {IPHONE}
          Dear Dr. {DRL}, {P} was treated here for {DX1} and {DX3}. Current meds: {MED}.
          Please contact {R} on {IPHONE2} with questions. {DX4}.""", """
          Referral from {FAC}
          Re: {P}, DOB {DOB}
          Address:
          {BLOCK}

          Phone:
          {CPHONE}
          {OPHONE} office
          {FPHONE} fax
          Dear Dr. {DRL}, {P} was seen for {DX1}; {DX2}. BP 128/76, glucose 145 160 132. Current meds: {MED}.
          Postcode: {PCODE}. {DX4}.""", """
          Portal message from {P} sent {DATE}:
          Hello, I moved, please update my address to {LINE}. They're not answering at {CPHONE2}; can someone
          call me on {CPHONE}? My {DX1} is worse since {DATE3}, pain 6/10, took {MED}. My zip code is {PCODE}.
          Thanks, {PF}""", """
          Phone note {DATE}: {R} ({REL}) called: {STCUE} {CUEDST}, please update the chart.
          Pt is on Lasix 40 and aspirin 81 mg, was seen on 3 West 12, Room 4 bed 2; Stage 3 CKD, Grade 2 edema, pain
          level 4, BP 132/84. Home health is at Station 4 on Mondays. {DX1}. Call back {CPHONE}.""", """
          Phone note {DATE}: {R} ({REL}) called: pt {STFRAME} {NAMEDST} last night, no LOC. She works on Wall Street
          and reads the Wall Street Journal; Baker's cyst on the left, on Lasix 40, Graves' disease. Mail goes to
          {MAILBLOCK}, {STATE} {ZIP}
          After the surgery she will stay at {POSTLINE} until the end of the month. New address:
          {WORDBLOCK}
          Room 4 bed 2, Stage 3 CKD, BP 128/76. Call back {CPHONE}.""", LOWER + """
          hi, this is {PF}. my {REL} is staying at {LBLOCK}
          she is on lasix 40 and aspirin 81 mg, was in room 4 bed 2, bp 132/84, pain 4/10, stage 3 ckd since 2019.
          our old place was in {LCITYPC}, near the clinic. please mail the forms to
          {LUNITBLOCK}
          thanks, see dr {DRL} on monday"""));

  /** The precision-stress kind: mostly clinical prose ({@link ProgressNotes}). */
  public static final String PROGRESS = "progress";

  private CorpusGenerator() {}

  /** The note typed in lower case, letter by letter so every gold span keeps its offsets. */
  static Note lowerCase(Note note) {
    char[] text = note.text().toCharArray();
    for (int i = 0; i < text.length; i++) {
      text[i] = Character.toLowerCase(text[i]);
    }
    return new Note(note.id(), note.kind(), new String(text), note.spans(), note.known());
  }

  /**
   * @param kinds note kinds ("all" or names of {@link #KINDS}), cycled in order
   * @throws IllegalArgumentException naming the valid kinds when one is unknown
   */
  public static List<Note> generate(List<String> kinds, int count, long seed) {
    List<String> use = new ArrayList<>();
    for (String k : kinds) {
      if (k.equals("all")) {
        use.addAll(new java.util.TreeSet<>(KINDS.keySet()));
        use.add(PROGRESS);
      } else if (KINDS.containsKey(k) || k.equals(PROGRESS)) {
        use.add(k);
      } else {
        throw new IllegalArgumentException("unknown note kind '" + k + "'; use all or one of "
            + new java.util.TreeSet<>(KINDS.keySet()) + " or " + PROGRESS);
      }
    }
    Random rnd = new Random(seed);
    List<Note> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String kind = use.get(i % use.size());
      String template = kind.equals(PROGRESS) ? ProgressNotes.template(rnd)
          : KINDS.get(kind).get(rnd.nextInt(KINDS.get(kind).size()));
      boolean lower = template.startsWith(LOWER);
      Note note = Template.fill(String.format("%s-%d-%05d", kind, seed, i), kind,
          lower ? template.substring(LOWER.length()) : template, CorpusValues.generate(rnd));
      out.add(lower ? lowerCase(note) : note);
    }
    return out;
  }
}
