package org.phigate.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * The HAPI FHIR parser configuration intake uses (the JVM's cached R4 context; HAPI's strict error handler for the
 * REST edge, a silent lenient one for feeds), so benchmarks can measure HAPI's parse-only rate with exactly it.
 */
public final class FhirParsing {
  private FhirParsing() {
  }

  /** A new JSON or XML parser (parsers are cheap and not thread-safe: one per call; the context is shared). */
  public static IParser parser(boolean json, boolean strict) {
    FhirContext context = FhirContext.forR4Cached();
    IParser parser = json ? context.newJsonParser() : context.newXmlParser();
    parser.setParserErrorHandler(strict ? new StrictErrorHandler()
        : new LenientErrorHandler(false).setErrorOnInvalidValue(false));
    return parser;
  }
}
