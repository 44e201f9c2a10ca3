package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phigate.config.ConfigException;
import org.phigate.config.DeidConfig;
import org.phigate.gazetteer.Lexicon;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;
import org.phigate.schema.TextPart;

/**
 * Finds the PHI in a record: every structured field as a whole, then every text part through the composed
 * {@link Detector}s, with the record's structured identifiers propagated into its text and every span found carried
 * to its other mentions in the record ({@link RecordRepeats}). Never changes the record.
 * Overlapping findings of one category are merged (detector names kept, "+"-joined).
 */
public final class PhiDetector {
  private final List<Detector> detectors;
  private final SiteLists site;
  /** Carries found names to their other mentions; only when a name detector runs (not the pattern baseline). */
  private final NameContext names;

  public PhiDetector(List<Detector> detectors) {
    this(detectors, SiteLists.none());
  }

  /** Detectors plus a site's allow- and deny-lists (the deny-list becomes one more detector). */
  public PhiDetector(List<Detector> detectors, SiteLists site) {
    List<Detector> all = new ArrayList<>(detectors);
    if (!site.deny().isEmpty()) {
      all.add(site.denyDetector());
    }
    this.detectors = List.copyOf(all);
    this.site = site;
    this.names = all.stream().anyMatch(PhiDetector::nameDetector)
        ? new NameContext(Lexicon.get()) : null;
  }

  /** The detectors a deid config asks for: defaults, the name dictionary, site lists, and the NER model if on. */
  public static PhiDetector fromConfig(DeidConfig config) {
    List<Detector> all = new ArrayList<>(patternDetectors());
    all.add(new NameCueDetector(config.nameDictionary()));
    if (config.nameDictionary()) {
      all.add(new NameDictionaryDetector());
      all.add(RecognizerRegistry.standard(org.phigate.gazetteer.Gazetteer.parseSiteFiles(config.gazetteerFiles())));
    }
    if (config.nerEnabled()) {
      all.add(new NerDetector(nerModel(config.nerModelClass()), config.nerThreshold()));
    }
    return new PhiDetector(all, SiteLists.parse(config.allowList(), config.denyList()));
  }

  /** Known-identifier propagation plus every pattern and cue detector. */
  public static PhiDetector withDefaultDetectors() {
    return new PhiDetector(defaultDetectors());
  }

  public static List<Detector> defaultDetectors() {
    List<Detector> all = new ArrayList<>(patternDetectors());
    all.add(new NameCueDetector());
    all.add(new NameDictionaryDetector());
    all.add(RecognizerRegistry.standard(List.of()));
    return List.copyOf(all);
  }

  /** Known-identifier propagation and every pattern detector: no dictionaries, no cues (the benchmark baseline). */
  public static List<Detector> patternDetectors() {
    List<Detector> all = new ArrayList<>(List.of(
        new KnownIdentifierDetector(),
        RegexDetector.groupDetector("dates"),
        new PhoneFaxDetector(),
        PhoneFaxDetector.international(),
        RegexDetector.groupDetector("identifiers"),
        new AddressDetector(),
        AddressDetector.lowerCaseStreets(),
        AddressDetector.international(),
        PatternRecognizers.shipped(),
        RegexDetector.groupDetector("identifier-shapes")));
    return List.copyOf(all);
  }

  /**
   * One detector on one text part. A stack overflow inside a regular expression (hostile input) becomes an
   * IllegalStateException without the text, so the deid stage dead-letters the event (fail closed) instead of
   * losing its stream thread.
   */
  private static List<PhiFinding> safely(Detector detector, TextPart part, String text, KnownIdentifiers known) {
    try {
      return detector.find(part.getPath(), text, known);
    } catch (StackOverflowError e) {
      throw new IllegalStateException("detector " + detector.getClass().getSimpleName() + " overflowed on text part "
          + part.getPath() + "; the record is withheld");
    }
  }

  /** The detectors that read the name shadow text and make {@link NameContext} worth running. */
  private static boolean nameDetector(Detector detector) {
    return detector instanceof NameCueDetector || detector instanceof NameDictionaryDetector;
  }

  /** {@link NameContext} on one text part, failing closed like {@link #safely}. */
  private List<PhiFinding> extendNames(TextPart part, String text, List<PhiFinding> inPart) {
    try {
      return names.extend(part.getPath(), text, inPart);
    } catch (StackOverflowError e) {
      throw new IllegalStateException("name context overflowed on text part " + part.getPath()
          + "; the record is withheld");
    }
  }

  /**
   * The text detectors scan: the same length (offsets hold), with runs of more than three combining marks blanked.
   * Java's word-boundary check walks back over combining marks, so a long run of them ("Zalgo" text) would make
   * every pattern quadratic; real scripts stack at most two or three.
   */
  static String scanText(String text) {
    return blankTokens(blankMarkRuns(text));
  }

  /**
   * PHIGate's own tokens ("[NAME-4f2a9c01]", the pseudonymizer's category and 8 hex digits) blanked to spaces: a
   * de-identified text scanned again (the egress path, a re-run) must not have its placeholders reported as ids.
   */
  static String blankTokens(String text) {
    if (text.indexOf('[') < 0) {
      return text;
    }
    return TOKEN.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
  }

  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\[(?:"
      + String.join("|", java.util.Arrays.stream(org.phigate.schema.PhiCategory.values()).map(Enum::name).toList())
      + ")-[0-9a-f]{8}\\]");

  private static String blankMarkRuns(String text) {
    StringBuilder out = null;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      int type = Character.getType(text.charAt(i));
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      run = mark ? run + 1 : 0;
      if (run == 4) {
        out = out == null ? new StringBuilder(text) : out;
        for (int k = i - 3; k <= i; k++) {
          out.setCharAt(k, ' ');
        }
      } else if (run > 4) {
        out.setCharAt(i, ' ');
      }
    }
    return out == null ? text : out.toString();
  }

  /** @throws ConfigException when the class is missing or is not a NerModel with a no-argument constructor */
  static NerModel nerModel(String className) {
    if (className.isBlank()) {
      throw new ConfigException("deid.ner.enabled=true needs deid.ner.model: the class name of a NerModel");
    }
    try {
      return (NerModel) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new ConfigException("deid.ner.model '" + className + "' is not a loadable NerModel class with a public "
          + "no-argument constructor (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The text part being scanned and what is computed once for it and shared by every detector (the cue-word
   * anchors, the name tokens), held for the current thread only while that part is scanned, so no text outlives its
   * scan. Outside a scan (a detector called on its own) everything is computed on each call.
   */
  private record Scope(String[] texts, Map<Object, Object> computed) {}

  private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

  /** The value of {@code key} for {@code text}, computed at most once per scan of that exact instance. */
  @SuppressWarnings("unchecked")
  static <T> T shared(String text, Object key, java.util.function.Supplier<T> compute) {
    Scope scope = SCOPE.get();
    for (int i = 0; scope != null && i < scope.texts.length; i++) {
      if (scope.texts[i] == text) {
        return (T) scope.computed.computeIfAbsent(Map.entry(i, key), k -> compute.get());
      }
    }
    return compute.get();
  }

  /** The findings of one text part: every detector, then the names carried to their other mentions in the part. */
  private List<PhiFinding> detectPart(TextPart part, KnownIdentifiers known) {
    List<PhiFinding> inPart = new ArrayList<>();
    String scan = scanText(part.getText());
    // lower-case typing (portal messages): the name detectors read the words a capitalized text would show as names
    String nameScan = names == null ? scan : LowerCaseText.forNames(scan, Lexicon.get());
    SCOPE.set(new Scope(new String[] {scan, nameScan}, new HashMap<>()));
    try {
      for (Detector detector : detectors) {
        for (PhiFinding f : safely(detector, part, nameDetector(detector) ? nameScan : scan, known)) {
          if (site.keeps(f, part.getText()) && (nameScan == scan || LowerCaseText.keeps(f))) {
            inPart.add(f);
          }
        }
      }
      for (PhiFinding f : names == null ? List.<PhiFinding>of() : extendNames(part, nameScan, inPart)) {
        if (site.keeps(f, part.getText())) {
          inPart.add(f);
        }
      }
    } finally {
      SCOPE.remove();
    }
    return inPart;
  }

  /**
   * @return merged findings, sorted by path and offset
   * @throws IllegalArgumentException when two text parts share a path (offsets would be ambiguous)
   */
  public List<PhiFinding> detect(PhiContent content) {
    return detect(content, List.of());
  }

  /**
   * Like {@link #detect(PhiContent)}, with identifiers remembered from the patient's earlier events also found
   * again in the text (detector {@code known:vault}); remembered values are never reported as structured fields.
   */
  public List<PhiFinding> detect(PhiContent content, List<StructuredField> remembered) {
    KnownIdentifiers known = KnownIdentifiers.from(content.getFields(), remembered);
    // every structured field is PHI of its declared category, as a whole
    List<PhiFinding> findings = new ArrayList<>(content.getFields().stream()
        .map(f -> Findings.whole(f.getCategory(), f.getPath(), "structured:" + f.getPath(), 1.0)).toList());
    Set<String> paths = new HashSet<>();
    // a record that repeats a text (one note over thousands of OBX segments) has it scanned once: what a part's
    // detectors find depends on its text and the record's known identifiers only, the path is a label
    Map<String, List<PhiFinding>> byText = new HashMap<>();
    for (TextPart part : content.getTextParts()) {
      if (!paths.add(part.getPath())) {
        throw new IllegalArgumentException("duplicate text part path " + part.getPath());
      }
      List<PhiFinding> seen = byText.get(part.getText());
      if (seen != null) {
        seen.forEach(f -> findings.add(Findings.onPath(f, part.getPath())));
        continue;
      }
      List<PhiFinding> inPart = detectPart(part, known);
      byText.put(part.getText(), inPart);
      findings.addAll(inPart);
    }
    Map<String, String> textByPath = new HashMap<>();
    content.getTextParts().forEach(p -> textByPath.put(p.getPath(), p.getText()));
    for (PhiFinding f : RecordRepeats.find(content.getTextParts(), findings)) {
      if (site.keeps(f, textByPath.get(f.getPath()))) {
        findings.add(f);
      }
    }
    return Findings.merge(findings);
  }
}
