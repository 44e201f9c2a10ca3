package org.phigate.intake;

import java.util.Objects;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;

/**
 * One inbound record after parsing, before PHI detection.
 *
 * @param format          wire format it arrived in
 * @param messageType     {@code ADT^A01}, {@code ORU^R01}, a FHIR resource type, or {@code Bundle/<type>}
 * @param sourceVersion   HL7 MSH-12 exactly as sent, or {@code 4.0.1} for FHIR R4
 * @param sourceMessageId MSH-10, the FHIR resource/Bundle id, or {@code sha256:<hex>} of the payload if absent
 * @param workflow        the workflow chosen by {@link WorkflowRouter}
 * @param phi             structured PHI fields and free-text parts found in the record; null only in a message an
 *                        edge screened without extracting them ({@link IntakeParser#screen}), which carries
 *                        {@code phiSizeBound} instead
 * @param dedupKey        what makes a re-sent copy the same message: MSH-3, MSH-4, MSH-10 and the hash of the
 *                        segments after MSH for HL7 v2; type, id and meta.versionId for FHIR (the payload hash where
 *                        an id or version is absent)
 * @param phiSizeBound    for a screened message without {@code phi}: an upper bound of the size measure
 *                        {@link IntakeStage} gives the PHI the walk would extract; -1 when {@code phi} is present
 */
public record NormalizedMessage(
        SourceFormat format,
        String messageType,
        String sourceVersion,
        String sourceMessageId,
        String workflow,
        PhiContent phi,
        String dedupKey,
        long phiSizeBound) {

    public NormalizedMessage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        Objects.requireNonNull(sourceMessageId, "sourceMessageId");
        Objects.requireNonNull(workflow, "workflow");
        if (phi == null && phiSizeBound < 0) {
            throw new IllegalArgumentException("a message without its PHI needs a size bound");
        }
        Objects.requireNonNull(dedupKey, "dedupKey");
    }

    /** A message with its PHI extracted. */
    public NormalizedMessage(SourceFormat format, String messageType, String sourceVersion, String sourceMessageId,
                             String workflow, PhiContent phi, String dedupKey) {
        this(format, messageType, sourceVersion, sourceMessageId, workflow, Objects.requireNonNull(phi, "phi"),
            dedupKey, -1);
    }

    /** True when {@link #phi()} holds the extracted PHI (always, except in a message an edge screened). */
    public boolean extracted() {
        return phi != null;
    }
}
