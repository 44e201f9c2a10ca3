package org.phigate.deid.detect;

import java.util.List;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.StructuredField;

/** Every structured field is PHI of its declared category, as a whole ({@code structured:<path>}, confidence 1). */
public final class StructuredFieldFindings {

  public List<PhiFinding> find(List<StructuredField> fields) {
    return fields.stream()
        .map(f -> Findings.whole(f.getCategory(), f.getPath(), "structured:" + f.getPath(), 1.0))
        .toList();
  }
}
