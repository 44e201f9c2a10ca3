package org.phigate.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.primitive.XhtmlDt;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads a FHIR JSON body once: one Jackson tree (strict, or with HAPI's own lenient settings) that HAPI's parser then
 * reads, instead of a strict token pass followed by HAPI's own parse of the same text. Each narrative
 * {@code div} is checked by HAPI's own XHTML check and kept as raw text (an extension on the Narrative, see
 * {@link #rawDiv}) instead of being built into HAPI's XHTML DOM, which rebuilds an entity table of about 2,200
 * entries for every narrative (HAPI FHIR 8.8.x; fixed upstream in org.hl7.fhir.core 2324) and was half the cost of a
 * Bundle's parse.
 */
final class FhirJsonReader {
  /** URL of the extension that carries a narrative's raw XHTML from this reader to {@link FhirRender}. */
  static final String RAW_DIV_URL = "urn:phigate:intake:narrative-div";

  /** Why a body was refused: not JSON at all, JSON whose strings are not all characters, or not FHIR. */
  enum Failure { NOT_JSON, UNPAIRED_SURROGATE, NOT_FHIR }

  /** A body that was not read: the failure and, when it was JSON, its tree (for classifying the failure). */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure failure;
    private final transient JsonNode tree;

    Refused(Failure failure, JsonNode tree) {
      super(failure.name(), null, false, false); // never a payload's text
      this.failure = failure;
      this.tree = tree;
    }

    Failure failure() {
      return failure;
    }

    JsonNode tree() {
      return tree;
    }
  }

  /** As HAPI's JacksonStructure reads JSON (single quotes, a leading plus, exact decimals, no trailing tokens). */
  private static final ObjectMapper LENIENT = mapper(JsonMapper.builder(factory(false))
      .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_SINGLE_QUOTES));
  /** RFC 8259 only, and no duplicate keys: what the REST edge promises. */
  private static final ObjectMapper STRICT = mapper(JsonMapper.builder(factory(true)));

  /** Jackson refuses deeper nesting (StreamReadConstraints' default of 1,000) before this is reached. */
  private static final int MAX_DEPTH = 1_000;

  private FhirJsonReader() {}

  private static JsonFactory factory(boolean strict) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // a parse error must never quote the body
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strict)
        .build();
  }

  private static ObjectMapper mapper(JsonMapper.Builder builder) {
    return builder.nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /** Parses {@code text} into a resource with {@code parser}'s error handler, narratives kept as raw text. */
  static IBaseResource read(String text, boolean strict, IJsonLikeParser parser) throws Refused {
    JsonNode tree;
    try {
      tree = (strict ? STRICT : LENIENT).readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      throw new Refused(Failure.NOT_JSON, null);
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new Refused(Failure.NOT_FHIR, tree);
    }
    if (strict && unpairedSurrogate(root, 0)) {
      throw new Refused(Failure.UNPAIRED_SURROGATE, tree);
    }
    try {
      detachNarratives(root, 0);
      JacksonStructure structure = new JacksonStructure();
      structure.setNativeObject(root);
      return parser.parseResource(structure);
    } catch (DataFormatException e) {
      throw new Refused(Failure.NOT_FHIR, tree);
    }
  }

  /** The raw XHTML of a narrative this reader read, or null (a narrative HAPI built, or none). */
  static String rawDiv(Narrative narrative) {
    for (Extension e : narrative.getExtension()) {
      if (RAW_DIV_URL.equals(e.getUrl()) && e.getValue() instanceof StringType s) {
        return s.getValue();
      }
    }
    return null;
  }

  /**
   * Moves every narrative's {@code div} into an extension of its Narrative, after HAPI's own check of the XHTML
   * (the well-formedness check it runs before building its DOM; it throws for what HAPI would refuse).
   */
  private static void detachNarratives(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DataFormatException("nested too deep");
    }
    if (node instanceof ObjectNode object) {
      // a Narrative is an object named "text" (a resource's, a Composition section's); every other "text" is a string
      if (object.get("text") instanceof ObjectNode narrative && narrative.get("div") != null
          && narrative.get("div").isTextual()) {
        JsonNode extensions = narrative.get("extension");
        if (extensions == null || extensions instanceof ArrayNode) {
          String div = narrative.get("div").textValue();
          new XhtmlDt().setValueAsString(div);
          ArrayNode list = extensions == null ? narrative.putArray("extension") : (ArrayNode) extensions;
          list.addObject().put("url", RAW_DIV_URL).put("valueString", div);
          narrative.remove("div");
        }
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        detachNarratives(it.next(), depth + 1);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        detachNarratives(item, depth + 1);
      }
    }
  }

  private static boolean unpairedSurrogate(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      return false; // Jackson refused deeper nesting already
    }
    if (node.isTextual()) {
      return unpairedSurrogate(node.textValue());
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (unpairedSurrogate(field.getKey()) || unpairedSurrogate(field.getValue(), depth + 1)) {
          return true;
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        if (unpairedSurrogate(item, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The JVM's one R4 context's resource types, for classifying a refused body. */
  static boolean knownResourceType(String type) {
    return FhirContext.forR4Cached().getResourceTypes().contains(type);
  }
}
