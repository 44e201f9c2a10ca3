package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * Record numbers introduced by a context word: "MRN: 00482913", "medical record # A-55102", "acct 7730041",
 * "member ID XJH4429901", "policy number ...", "driver's license ...", "VIN ...", "serial no. ...". The value must
 * hold at least one digit. The cue table is the extension point for more categories and cue words.
 */
public final class ContextIdDetector implements Detector {
  private static final String ID = "(?<phi>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)";
  private static final String TAIL = "[ \\t]*(?:#|no\\.?|number|num|nbr|id|ID)?[ \\t]*[:#=]?[ \\t]*(?:is[ \\t]+)?";
  private static final Map<PhiCategory, String> CUES = Map.of(
      PhiCategory.MRN, "mrn|mr#|mr|medical record|med rec|chart|patient id|pt id|hospital number|unit number",
      PhiCategory.ACCOUNT, "acct|account|billing|encounter|visit|fin|har|invoice|claim|card",
      PhiCategory.HEALTH_PLAN_ID, "member|policy|subscriber|insurance|medicaid|medicare|health plan|group|beneficiary"
          + "|plan id|insurance id",
      PhiCategory.LICENSE, "driver'?s license|drivers license|license|lic|dea|certificate|cert|registration",
      PhiCategory.VEHICLE_ID, "vin|license plate|plate|tag|vehicle",
      PhiCategory.DEVICE_ID, "serial|device|implant|udi|pacemaker serial|imei|model/serial|s/n|sn|defibrillator"
          + "|icd serial|pump serial",
      PhiCategory.SSN, "ssn|social security|ss#|soc sec",
      PhiCategory.OTHER_ID, "npi|passport|employee id|employee|badge|accession|acc|specimen|lab no|order|case|rx"
          + "|prescription|requisition|study id|report id|exam id|ticket|confirmation|reference|ref");
  private final List<RegexDetector> rules = new ArrayList<>();

  public ContextIdDetector() {
    CUES.forEach((category, cues) -> rules.add(new RegexDetector(
        "context:" + category.name().toLowerCase(java.util.Locale.ROOT), category,
        Pattern.compile("(?i)\\b(?:" + cues + ")(?![a-z])" + TAIL + ID + "(?![\\p{Alnum}])"), 0.85,
        ContextIdDetector::plausibleId).starting(MatchStarts.prefixes(MatchStarts.heads(cues, 5)))));
  }

  static boolean plausibleId(String s) {
    int digits = s.replaceAll("\\D", "").length();
    return s.length() >= 4 && digits >= 3;
  }

  @Override
  public List<PhiFinding> find(String path, String text, KnownIdentifiers known) {
    List<PhiFinding> out = new ArrayList<>();
    for (RegexDetector rule : rules) {
      out.addAll(rule.find(path, text, known));
    }
    return out;
  }
}
