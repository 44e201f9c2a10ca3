package org.phigate.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.phigate.intake.ParseResult.Rejected;

/**
 * The REST edge's strict reading of a FHIR body before HAPI parses it (with its strict error handler): valid UTF-8,
 * strict JSON (no single quotes, comments, trailing commas or duplicate keys) without unpaired surrogates, and XML
 * whose root element is in the FHIR namespace. Rejections name the problem, never the content.
 */
final class FhirStrictSyntax {
  static final String FHIR_NS = "http://hl7.org/fhir";
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final XMLInputFactory XML = xmlFactory();

  private FhirStrictSyntax() {}

  /** The body decoded as UTF-8, or null when it is not valid UTF-8 (a bad byte, an encoded surrogate). */
  static String decode(byte[] payload, int start) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload, start, payload.length - start)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Why the decoded body is not strict JSON / FHIR XML, or null when it is. */
  static Rejected check(String text, boolean json) {
    return json ? json(text) : xml(text);
  }

  private static Rejected json(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) && unpairedSurrogate(parser.getText())) {
          return rejected("a JSON string holds an unpaired surrogate (\\uD800-\\uDFFF), which is not a character");
        }
      }
      return null;
    } catch (java.io.IOException | RuntimeException e) {
      return rejected("the body is not strict JSON (RFC 8259: double-quoted names and strings, no comments, no "
          + "trailing commas, no duplicate keys)");
    }
  }

  private static Rejected xml(String text) {
    XMLStreamReader reader = null;
    try {
      reader = XML.createXMLStreamReader(new StringReader(text));
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          return FHIR_NS.equals(reader.getNamespaceURI()) ? null
              : rejected("the XML root element is not in the FHIR namespace (" + FHIR_NS + ")");
        }
      }
      return rejected("the XML body has no root element");
    } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
      return rejected("the body is not well-formed XML");
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (javax.xml.stream.XMLStreamException e) {
          // nothing held beyond the string
        }
      }
    }
  }

  static Rejected rejected(String why) {
    return new Rejected(ParseResult.Reason.FHIR_PARSE_ERROR.name(), "", "FHIR payload refused by strict parsing: "
        + why);
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

  private static XMLInputFactory xmlFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
