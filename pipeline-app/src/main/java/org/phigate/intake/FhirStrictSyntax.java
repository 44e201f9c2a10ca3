package org.phigate.intake;

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
 * and XML whose root element is in the FHIR namespace (strict JSON is {@link FhirJsonReader}'s). Rejections name the
 * problem, never the content.
 */
final class FhirStrictSyntax {
  static final String FHIR_NS = "http://hl7.org/fhir";
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

  /** Why the decoded XML body is not FHIR XML, or null when it is (JSON is checked by {@link FhirJsonReader}). */
  static Rejected checkXml(String text) {
    return xml(text);
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

  private static XMLInputFactory xmlFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
