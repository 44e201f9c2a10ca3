package org.phigate.deid.redact;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.deid.dates.DateText;
import org.phigate.deid.policy.Action;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidField;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;

/**
 * Applies a {@link RedactionPolicy} to a record's PHI given detection's findings. Text spans are replaced right to
 * left; overlapping spans are replaced once, as their union, with the action of the longest overlapping finding whose
 * category is not kept, made stricter by any rule action a finding carries (a known identifier found again in the
 * text is redacted no looser than its structured field; see {@link #spanAction}). Every structured field becomes a
 * {@link DeidField} (or is left out when dropped), by the stricter of its rule's action and the policy's (see
 * {@link #fieldAction}). Each distinct value yields one {@link VaultEntry} under its vault key (tenant, category and
 * the value's full keyed hash), its original sealed with that key as associated data. The short tokens of one
 * event never collide: when two values share one, the later gets a longer cut of its hash ({@link #tokenFor}), so
 * {@link Redaction#tokenKeys()} maps each token in the event to exactly one vault key.
 */
public final class Redactor {
  private final Pseudonymizer pseudonymizer;
  private final FieldCipher vaultCipher;
  private final RedactionPolicy policy;
  private final Clock clock;

  public Redactor(Pseudonymizer pseudonymizer, FieldCipher vaultCipher, RedactionPolicy policy, Clock clock) {
    this.pseudonymizer = pseudonymizer;
    this.vaultCipher = vaultCipher;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException when a finding's span lies outside its text part (no value in the message)
   */
  public Redaction redact(ClinicalEvent meta, PhiContent content, List<PhiFinding> findings) {
    Run run = new Run(meta, content.getPatientKey());
    // grouped once: a record of many text parts (a long note over thousands of OBX segments) has findings in each
    Map<String, List<PhiFinding>> spansByPath = new HashMap<>();
    for (PhiFinding f : findings) {
      if (f.getStart() != null && f.getEnd() != null) {
        spansByPath.computeIfAbsent(f.getPath(), k -> new ArrayList<>()).add(f);
      }
    }
    List<TextPart> textParts = new ArrayList<>();
    for (TextPart part : content.getTextParts()) {
      textParts.add(new TextPart(part.getPath(),
          redactText(run, part, spansByPath.getOrDefault(part.getPath(), List.of()))));
    }
    List<DeidField> fields = new ArrayList<>();
    int tightened = 0;
    for (StructuredField field : content.getFields()) {
      Action byPolicy = policy.actionFor(field.getCategory(), field.getValue());
      Action action = fieldAction(field, byPolicy);
      if (action != byPolicy) {
        tightened++;
      }
      if (action != Action.DROP) {
        fields.add(new DeidField(field.getPath(), field.getCategory(), field.getParty(),
            run.replace(field.getCategory(), field.getValue(), action)));
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    findings.forEach(f -> counts.merge(f.getCategory().name(), 1, Integer::sum));
    DeidentifiedEvent event = DeidentifiedEvent.newBuilder()
        .setEventId(meta.getEventId())
        .setTenant(meta.getTenant())
        .setSourceFormat(meta.getSourceFormat())
        .setMessageType(meta.getMessageType())
        .setWorkflow(meta.getWorkflow())
        .setReceivedAt(meta.getReceivedAt())
        .setPatientToken(pseudonymizer.patientToken(meta.getTenant(), content.getPatientKey()))
        .setPolicyId(policy.id())
        .setFields(fields)
        .setTextParts(textParts)
        .setPhiCategoryCounts(counts)
        .build();
    return new Redaction(event, new ArrayList<>(run.vault.values()), run.tokenKeys, tightened, run.tightenedSpans);
  }

  /**
   * A structured field's action: the stricter of its rule's and the policy's, so a field rule can tighten but never
   * loosen what the workflow allows. A DATE_SHIFT asked for a value that is not a DATE is ignored; an action name
   * this version does not know fails closed (DROP).
   */
  static Action fieldAction(StructuredField field, Action byPolicy) {
    return withRule(byPolicy, field.getAction(), field.getCategory());
  }

  /**
   * A text span's action: the policy's for the category it is redacted as, made stricter by the rule actions its
   * findings carry (known identifiers carry their structured field's), by the same rules as {@link #fieldAction}.
   */
  static Action spanAction(Action byPolicy, PhiCategory category, List<PhiFinding> findings) {
    Action action = byPolicy;
    for (PhiFinding f : findings) {
      action = withRule(action, f.getAction(), category);
    }
    return action;
  }

  private static Action withRule(Action byPolicy, String ruleAction, PhiCategory category) {
    Action own = Action.named(ruleAction);
    if (own == null || own == Action.DATE_SHIFT && category != PhiCategory.DATE) {
      return byPolicy;
    }
    return byPolicy.stricter(own);
  }

  /** One text part redacted; {@code inPart} are the record's span findings on this part, in detection order. */
  private String redactText(Run run, TextPart part, List<PhiFinding> inPart) {
    String text = part.getText();
    List<PhiFinding> spans = inPart.stream().sorted(Comparator.comparingInt(PhiFinding::getStart)).toList();
    for (PhiFinding f : spans) {
      if (f.getStart() < 0 || f.getEnd() > text.length() || f.getStart() >= f.getEnd()) {
        throw new IllegalArgumentException("finding span outside text part " + part.getPath());
      }
    }
    List<List<PhiFinding>> clusters = new ArrayList<>();
    int clusterEnd = -1;
    for (PhiFinding f : spans) {
      if (clusters.isEmpty() || f.getStart() >= clusterEnd) {
        clusters.add(new ArrayList<>());
      }
      clusters.get(clusters.size() - 1).add(f);
      clusterEnd = Math.max(clusterEnd, f.getEnd());
    }
    // replaced right to left (the order tokens and vault entries are made in), assembled left to right in one pass
    String[] replacements = new String[clusters.size()];
    int[] starts = new int[clusters.size()];
    int[] ends = new int[clusters.size()];
    for (int i = clusters.size() - 1; i >= 0; i--) {
      List<PhiFinding> cluster = clusters.get(i);
      int start = cluster.get(0).getStart();
      int end = cluster.stream().mapToInt(PhiFinding::getEnd).max().orElseThrow();
      String original = text.substring(start, end);
      PhiCategory category = representative(cluster, original);
      Action byPolicy = policy.actionFor(category, original);
      Action action = spanAction(byPolicy, category, cluster);
      if (action != byPolicy) {
        run.tightenedSpans++;
      }
      starts[i] = start;
      ends[i] = end;
      replacements[i] = run.replace(category, original, action);
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (int i = 0; i < replacements.length; i++) {
      out.append(text, at, starts[i]).append(replacements[i]);
      at = ends[i];
    }
    return out.append(text, at, text.length()).toString();
  }

  private PhiCategory representative(List<PhiFinding> cluster, String original) {
    Comparator<PhiFinding> byStrength = Comparator
        .comparing((PhiFinding f) -> policy.actionFor(f.getCategory(), original) != Action.KEEP)
        .thenComparingInt(f -> f.getEnd() - f.getStart())
        .thenComparingDouble(PhiFinding::getConfidence)
        .thenComparing(f -> -f.getCategory().ordinal());
    return cluster.stream().max(byStrength).orElseThrow().getCategory();
  }

  /**
   * The token of a value within one event: the pseudonymizer's short token, unless another value of the event
   * already has it; then 4 more bits of the value's hash at a time until the token is free in this event.
   */
  static String tokenFor(Pseudonymizer.Keyed keyed, int bits, Map<String, String> tokenKeys) {
    for (int b = bits; b <= 256; b += 4) {
      String token = keyed.token(b);
      String taken = tokenKeys.putIfAbsent(token, keyed.vaultKey());
      if (taken == null || taken.equals(keyed.vaultKey())) {
        return token;
      }
    }
    throw new IllegalStateException("two values share a full keyed hash");
  }

  /**
   * State for one record: the tenant, the patient's date shift, the vault entries by vault key, the tokens of the
   * event and the tightened spans so far.
   */
  private final class Run {
    private final ClinicalEvent meta;
    private final String patientKey;
    private final Map<String, VaultEntry> vault = new LinkedHashMap<>();
    private final Map<String, String> tokenKeys = new LinkedHashMap<>();
    private final Map<String, String> tokenOfKey = new HashMap<>();
    /** Tokens by category and value as written: a value repeated through the record is hashed once. */
    private final Map<String, String> tokenOfValue = new HashMap<>();
    private Integer shiftDays;
    private int tightenedSpans;
    private String patientToken;

    Run(ClinicalEvent meta, String patientKey) {
      this.meta = meta;
      this.patientKey = patientKey;
    }

    String replace(PhiCategory category, String original, Action action) {
      return switch (action) {
        case KEEP -> original;
        case DROP -> placeholder(category);
        case TOKEN -> token(category, original);
        case DATE_SHIFT -> shift(original);
        case GENERALIZE -> generalize(category, original);
      };
    }

    private String token(PhiCategory category, String original) {
      String value = category.name() + '\u0000' + original;
      String known = tokenOfValue.get(value);
      if (known == null) {
        known = newToken(category, original);
        tokenOfValue.put(value, known);
      }
      return known;
    }

    private String newToken(PhiCategory category, String original) {
      Pseudonymizer.Keyed keyed = pseudonymizer.keyed(meta.getTenant(), category.name(),
          TokenKeys.of(category, original));
      String token = tokenOfKey.computeIfAbsent(keyed.vaultKey(),
          k -> tokenFor(keyed, pseudonymizer.tokenBits(), tokenKeys));
      vault.computeIfAbsent(keyed.vaultKey(), k -> VaultEntry.newBuilder().setToken(k).setTenant(meta.getTenant())
          .setCategory(category).setOriginal(vaultCipher.sealString(original, k, patientToken()))
          .setFirstEventId(meta.getEventId())
          .setCreatedAt(clock.instant()).setKind(VaultEntryKind.VALUE).build());
      return token;
    }

    /**
     * A value entry is sealed under the data key of the patient whose event wrote it, so shredding that patient
     * shreds it; a value several patients share is re-sealed by whichever mentions it next (the vault write filter
     * lets an entry through again when its sealing key id changes).
     */
    private String patientToken() {
      if (patientToken == null) {
        patientToken = pseudonymizer.patientToken(meta.getTenant(), patientKey);
      }
      return patientToken;
    }

    private String shift(String original) {
      if (isAge(original)) {
        return ageOver89(original);
      }
      if (shiftDays == null) {
        shiftDays = pseudonymizer.dateShiftDays(meta.getTenant(), patientKey);
      }
      return DateText.shift(original, shiftDays).orElse(placeholder(PhiCategory.DATE));
    }

    private String generalize(PhiCategory category, String original) {
      if (category == PhiCategory.GEO && ZipCodes.isZip(original)) {
        return ZipCodes.zip3(original);
      }
      if (category == PhiCategory.DATE) {
        if (isAge(original)) {
          return ageOver89(original);
        }
        return DateText.parse(original).flatMap(DateText.Parsed::year).map(String::valueOf)
            .orElse(placeholder(category));
      }
      return placeholder(category);
    }
  }

  private static boolean isAge(String value) {
    return value.strip().matches("\\d{1,3}");
  }

  private static String ageOver89(String value) {
    return Integer.parseInt(value.strip()) > 89 ? "90+" : placeholder(PhiCategory.DATE);
  }

  private static String placeholder(PhiCategory category) {
    return "[" + category.name() + "]";
  }
}
