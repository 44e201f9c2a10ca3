package org.phigate.catalog;

import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.security.FieldCipher;

/**
 * The sender's message id of a {@link ClinicalEvent} (MSH-10 or a FHIR id, which senders may build from patient
 * data), sealed with the event key and bound to the event id; the event's {@code sourceMessageId} holds only its
 * keyed hash.
 */
public final class SourceMessageSeal {
  private static final String AAD = "source-message:";

  private SourceMessageSeal() {}

  /** Seals {@code sourceMessageId} for the event {@code eventId}. */
  public static EncryptedBlob seal(FieldCipher eventCipher, String sourceMessageId, String eventId) {
    return eventCipher.sealString(sourceMessageId, AAD + eventId);
  }

  /** The id in clear: opened from {@code sourceMessage}, or the clear field of an event written before it. */
  public static String open(FieldCipher eventCipher, ClinicalEvent event) {
    return event.getSourceMessage() == null ? event.getSourceMessageId()
        : eventCipher.openString(event.getSourceMessage(), AAD + event.getEventId());
  }
}
