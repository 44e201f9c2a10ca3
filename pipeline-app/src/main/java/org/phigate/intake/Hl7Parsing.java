package org.phigate.intake;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.parser.UnexpectedSegmentBehaviourEnum;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one HAPI v2 parser configuration intake uses (every version into the v2.6 model, no validation, unknown
 * segments kept inline, OBX-2 defaulting to ST), so benchmarks can measure HAPI's parse-only rate with exactly it.
 */
public final class Hl7Parsing {
  private Hl7Parsing() {
  }

  /**
   * A PipeParser configured as intake parses HL7 v2. Use one per thread: its structure-definition cache is filled
   * without synchronization, and concurrent first parses on one parser fail.
   */
  public static PipeParser pipeParser() {
    HapiContext context = new DefaultHapiContext(ValidationContextFactory.noValidation());
    context.setModelClassFactory(new SegmentClassCache("2.6"));
    context.getParserConfiguration().setValidating(false);
    context.getParserConfiguration().setAllowUnknownVersions(true);
    context.getParserConfiguration().setDefaultObx2Type("ST");
    context.getParserConfiguration().setInvalidObx2Type("ST");
    context.getParserConfiguration().setUnexpectedSegmentBehaviour(UnexpectedSegmentBehaviourEnum.ADD_INLINE);
    return context.getPipeParser();
  }

  /**
   * HAPI looks a segment's class up by name on every occurrence, and for a segment the model lacks (Z-segments, 2.7+
   * segments) that is a failed class load through every jar of the class path each time; here each name is looked up
   * once.
   */
  static final class SegmentClassCache extends CanonicalModelClassFactory {
    private static final long serialVersionUID = 1L;
    private static final int MAX_NAMES = 10_000;
    private final transient ConcurrentHashMap<String, Optional<Class<? extends Segment>>> segments =
        new ConcurrentHashMap<>();

    SegmentClassCache(String version) {
      super(version);
    }

    @Override
    public Class<? extends Segment> getSegmentClass(String name, String version) throws HL7Exception {
      Optional<Class<? extends Segment>> known = segments.get(name + '|' + version);
      if (known == null) {
        known = Optional.ofNullable(super.getSegmentClass(name, version));
        if (segments.size() < MAX_NAMES) { // names come from senders: bounded
          segments.putIfAbsent(name + '|' + version, known);
        }
      }
      return known.orElse(null);
    }
  }
}
