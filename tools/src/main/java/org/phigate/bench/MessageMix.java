package org.phigate.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.notes.Note;
import org.phigate.demo.SampleInput;
import org.phigate.intake.IntakeParser;

/**
 * The bench's synthetic traffic: ADT (shipped sample), ORU with a generated clinical note, patient-portal messages
 * (FHIR Communication with a generated note) and FHIR Bundles, by weight; a share of them inflated to a large size
 * (ORU notes over many OBX segments, Bundles of many Patients). Every message has its own control id / resource id,
 * so intake's duplicate check never folds two together, and names one of {@code patients} generated patients by
 * MRN (PID-3 typed MR, the Communication's subject identifier, the Bundle's first Patient typed MR), so the bench can
 * register their charts in the EHR and write-back finds them.
 */
final class MessageMix {
  /**
   * One generated message: kind, content type, bytes and the patient's MRN as intake keys it (null for a large
   * Bundle, whose many Patients carry no MRN and whose workflow writes nothing back).
   */
  record Message(String kind, String contentType, byte[] payload, String patientMrn) {}

  /** Default number of distinct generated patients. */
  static final int DEFAULT_PATIENTS = 500;

  /** Identifier system of the generated MRNs in FHIR messages (write-back matches by value). */
  static final String MRN_SYSTEM = "urn:phigate:bench:mrn";
  private final Map<String, Integer> weights;
  private final double largeShare;
  private final int largeBytes;
  private final List<Note> notes;
  private final String adt;
  private final String oru;
  private final String bundle;
  private final long seed;
  private final int patients;

  MessageMix(Map<String, Integer> weights, double largeShare, int largeBytes, long seed) {
    this(weights, largeShare, largeBytes, seed, DEFAULT_PATIENTS);
  }

  MessageMix(Map<String, Integer> weights, double largeShare, int largeBytes, long seed, int patients) {
    if (patients < 1) {
      throw new IllegalArgumentException("--patients must be at least 1");
    }
    this.patients = patients;
    this.weights = weights;
    this.largeShare = largeShare;
    this.largeBytes = largeBytes;
    this.seed = seed;
    this.notes = CorpusGenerator.generate(List.of("all"), 400, seed);
    this.adt = hl7("ADT-A01-01.hl7");
    this.oru = hl7("ORU-R01-01.hl7");
    this.bundle = new String(sample("Bundle-bundle-transaction.json"), StandardCharsets.UTF_8);
  }

  /** The generated clinical notes the ORU and portal messages carry: the free text the model sees. */
  List<String> noteTexts() {
    return notes.stream().map(Note::text).toList();
  }

  /** Parses {@code adt=40,oru=30,portal=20,bundle=10}. */
  static Map<String, Integer> parseWeights(String spec) {
    Map<String, Integer> w = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split("=");
      String kind = kv[0].strip().toLowerCase(Locale.ROOT);
      if (!List.of("adt", "oru", "portal", "bundle").contains(kind) || kv.length != 2) {
        throw new IllegalArgumentException("--mix: expected kind=weight with kinds adt, oru, portal, bundle, got '"
            + part + "'");
      }
      w.put(kind, Integer.parseInt(kv[1].strip()));
    }
    if (w.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
      throw new IllegalArgumentException("--mix: the weights must add up to more than 0");
    }
    return w;
  }

  /** {@code n} messages, ids prefixed by {@code run}; the same seed gives the same sequence of kinds and sizes. */
  List<Message> generate(String run, int n) {
    Random random = new Random(seed);
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    List<Message> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(total);
      String kind = null;
      for (Map.Entry<String, Integer> e : weights.entrySet()) {
        pick -= e.getValue();
        if (pick < 0) {
          kind = e.getKey();
          break;
        }
      }
      boolean large = random.nextDouble() < largeShare;
      String id = run + "-" + i;
      String mrn = mrn(random.nextInt(patients));
      Note note = notes.get(i % notes.size());
      out.add(switch (kind) {
        case "adt" -> new Message("adt", IntakeParser.HL7_V2,
            withPatient(withControlId(adt, id), mrn).getBytes(StandardCharsets.ISO_8859_1), mrn);
        case "oru" -> new Message(large ? "oru-large" : "oru", IntakeParser.HL7_V2,
            oruWithNote(id, mrn, note.text(), large ? largeBytes : 0).getBytes(StandardCharsets.ISO_8859_1), mrn);
        case "portal" -> new Message("portal", IntakeParser.FHIR_JSON, portal(id, mrn, note.text()), mrn);
        default -> large ? new Message("bundle-large", IntakeParser.FHIR_JSON, largeBundle(id, largeBytes), null)
            : new Message("bundle", IntakeParser.FHIR_JSON, bundle(id, mrn), mrn);
      });
    }
    return out;
  }

  /** The shipped transaction Bundle with its own id; its first Patient carries the MRN (typed MR), so it keys it. */
  private byte[] bundle(String id, String mrn) {
    return bundle.replaceFirst("\"id\": \"bundle-transaction\"", "\"id\": \"" + id + "\"")
        .replaceFirst("\"active\": true,", "\"identifier\": [{\"type\": {\"coding\": [{\"code\": \"MR\"}]}, "
            + "\"system\": \"" + MRN_SYSTEM + "\", \"value\": \"" + mrn + "\"}], \"active\": true,")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The MRN of generated patient {@code n}: digits only, as many hospitals number charts. */
  static String mrn(int n) {
    return String.format(Locale.ROOT, "%08d", 80_000_000 + n);
  }

  private String oruWithNote(String id, String mrn, String note, int targetBytes) {
    StringBuilder b = new StringBuilder(withPatient(withControlId(oru, id), mrn));
    String text = hl7Text(note);
    int set = 90;
    do {
      b.append("OBX|").append(set++).append("|TX|11506-3^Progress note^LN||").append(text).append("||||||F\r");
    } while (b.length() < targetBytes);
    return b.toString();
  }

  private static byte[] portal(String id, String mrn, String note) {
    String json = "{\"resourceType\":\"Communication\",\"id\":\"" + id + "\",\"status\":\"completed\","
        + "\"subject\":{\"identifier\":{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}},"
        + "\"sent\":\"2026-11-02T09:15:00Z\",\"payload\":[{\"contentString\":" + jsonString(note) + "}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] largeBundle(String id, int targetBytes) {
    StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"id\":\"" + id + "\",\"type\":\"collection\","
        + "\"entry\":[");
    int k = 0;
    while (b.length() < targetBytes) {
      Note note = notes.get(k % notes.size());
      String[] words = note.text().split("\\s+");
      b.append(k == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"").append(id)
          .append("-p").append(k).append("\",\"name\":[{\"family\":").append(jsonString(word(words, 3)))
          .append(",\"given\":[").append(jsonString(word(words, 1))).append("]}],\"birthDate\":\"19")
          .append(10 + k % 89).append("-0").append(1 + k % 9).append("-1").append(k % 9).append("\"}}");
      k++;
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String word(String[] words, int i) {
    String w = words.length > i ? words[i].replaceAll("[^A-Za-z]", "") : "";
    return w.isEmpty() ? "Smith" : w;
  }

  private static String hl7Text(String note) {
    // HL7 delimiters in free text would split fields; segment breaks become spaces
    return note.replaceAll("[|^~\\\\&\\r\\n]", " ");
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** PID-3 replaced by one identifier typed MR: the key HL7 v2 intake gives the patient. */
  private static String withPatient(String er7, String mrn) {
    StringBuilder b = new StringBuilder();
    for (String segment : er7.split("\r", -1)) {
      if (segment.startsWith("PID|")) {
        String[] pid = segment.split("\\|", -1);
        pid[3] = mrn + "^^^PHIGATE-BENCH^MR";
        segment = String.join("|", pid);
      }
      b.append(segment).append('\r');
    }
    return b.substring(0, b.length() - 1);
  }

  private static String withControlId(String er7, String id) {
    String[] segments = er7.split("\r", 2);
    String[] msh = segments[0].split("\\|", -1);
    msh[9] = id;
    return String.join("|", msh) + "\r" + (segments.length > 1 ? segments[1] : "");
  }

  private static String hl7(String file) {
    String text = new String(sample(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
    return text.endsWith("\r") ? text : text + "\r";
  }

  private static byte[] sample(String file) {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith("/" + file)).findFirst()
        .orElseThrow().payload();
  }
}
