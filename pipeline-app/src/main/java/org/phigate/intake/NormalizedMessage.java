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
 * @param phi             structured PHI fields and free-text parts found in the record
 * @param dedupKey        what makes a re-sent copy the same message: MSH-3, MSH-4, MSH-10 and the hash of the
 *                        segments after MSH for HL7 v2; type, id and meta.versionId for FHIR (the payload hash where
 *                        an id or version is absent)
 */
public record NormalizedMessage(
        SourceFormat format,
        String messageType,
        String sourceVersion,
        String sourceMessageId,
        String workflow,
        PhiContent phi,
        String dedupKey) {

    public NormalizedMessage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        Objects.requireNonNull(sourceMessageId, "sourceMessageId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(phi, "phi");
        Objects.requireNonNull(dedupKey, "dedupKey");
    }
}
