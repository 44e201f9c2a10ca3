package org.phigate.deid.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Precision stress for the corpus: a "progress" note kind that is mostly clinical prose with capitalized clinical
 * words, eponyms, drugs, scores, sections and sentence-initial words that are also first names (Will, Mark, Grace,
 * Hope, May), around only a few PHI slots.
 */
final class ProgressNotes {
  private static final List<String> SENTENCES = List.of(
      "Will continue metoprolol 25 mg BID and recheck BMP in 1 week.",
      "Mark the left groin site; hold Eliquis 48 hours before the procedure.",
      "Grace period for the prior authorization ends Friday.",
      "Hope to wean oxygen to room air by tomorrow.",
      "May restart aspirin 81 mg if hemoglobin stable.",
      "Chest X-ray without focal consolidation. Heart size normal.",
      "Assessment: NSTEMI, Killip class I, TIMI score 3.",
      "Plan: Cardiology consult, trend troponin q6h, Heparin drip per protocol.",
      "Neuro: CN II-XII intact, strength 5/5 bilaterally, Romberg negative, Babinski downgoing.",
      "History of Crohn's disease on Humira; last flare 2019.",
      "Hashimoto thyroiditis, TSH 3.2 on Synthroid 75 mcg.",
      "Parkinson disease with resting tremor; Sinemet 25/100 TID.",
      "Graves disease s/p RAI ablation in 2008.",
      "Positive Murphy sign; RUQ ultrasound ordered.",
      "Wells score 4, D-dimer elevated, CTA chest negative for PE.",
      "Glasgow Coma Scale 15, Mallampati II, ASA class 3.",
      "Foley catheter removed POD 2; voiding without difficulty.",
      "Swan-Ganz catheter placed in the ICU; CVP 8.",
      "Continue Lasix 40 mg IV BID, strict I/O, daily weights.",
      "Hold Coumadin, INR 3.4, recheck in the morning.",
      "Apgar 8 and 9; Ballard score consistent with 39 weeks.",
      "PHQ-9 score 14; started Zoloft 50 mg daily, follow up with Behavioral Health.",
      "Dexcom readings reviewed; A1c 8.1, increase Lantus to 24 units.",
      "Brown adipose tissue noted incidentally on PET.",
      "Green sputum for 3 days, afebrile, lungs with scattered rhonchi.",
      "Bell's palsy resolving; continue prednisone taper.",
      "Down syndrome with atrioventricular canal repair in childhood.",
      "Wilson disease excluded; ceruloplasmin normal.",
      "Turner syndrome, on estrogen replacement.",
      "Addison disease on hydrocortisone 15 mg AM, 5 mg PM.",
      "Raynaud phenomenon worse in winter; nifedipine ER started.",
      "Barrett esophagus on surveillance EGD every 3 years.",
      "Gleason 3+4=7 adenocarcinoma, PSA 6.2, seen by Urology.",
      "Vitals: T 37.1 C, HR 88, BP 132/84, RR 18, SpO2 95% on 2L.",
      "Pain 4/10, controlled with Tylenol 650 mg q6h PRN.",
      "Reflexes 2+ and symmetric; gait steady with walker.",
      "Echo: EF 40-45%, moderate MR, RVSP 38 mmHg.",
      "Labs: WBC 11.2, Hgb 9.8, Plt 212, Na 134, K 4.1, Cr 1.3.",
      "Discussed code status; patient remains Full Code.",
      "Physical Therapy recommends Acute Rehab; Case Management aware.",
      "Patient Education provided on CHF diet and fluid restriction.",
      "Dr. on call notified of the Rapid Response; no intervention needed.",
      "Still awaiting MRI lumbar spine; Neurosurgery to follow.",
      "Young adult with asthma, uses albuterol 1-2 puffs q4h prn.",
      "Major depressive disorder, recurrent, moderate.",
      "Long-term use of anticoagulants; Holter monitor ordered for 48 hours.");
  static final String TEMPLATE_HEAD = "PROGRESS NOTE {DATE}\nSubjective: Pt {P} seen and examined. {DX1}.\n";
  static final String TEMPLATE_TAIL = "\nSeen by Dr. {DRL}.";

  private ProgressNotes() {}

  /** A template: a header and signature with PHI slots around 8-12 clinical sentences without PHI. */
  static String template(Random rnd) {
    List<String> pool = new ArrayList<>(SENTENCES);
    Collections.shuffle(pool, rnd);
    int n = 8 + rnd.nextInt(5);
    return TEMPLATE_HEAD + String.join(" ", pool.subList(0, n)).replace("{", "(").replace("}", ")") + TEMPLATE_TAIL;
  }
}
