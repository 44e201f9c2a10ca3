package org.phigate.deid.known;

import java.util.Base64;
import java.util.regex.Pattern;
import org.phigate.schema.EncryptedBlob;

/**
 * A retired patient's remembered identifiers on their way to the surviving patient's entry (a merge): keyed by the
 * survivor's token, the value names the merge event and the retired token and carries the fields sealed for exactly
 * that survivor, retired patient and merge ({@link KnownIdentifierStore#sealCarried}). It travels through the
 * repartition topic {@code deid-known-carried-by-patient} because the two entries may live on different tasks.
 */
public record KnownIdentifierCarryOver(String survivorToken, String retiredToken, String requestId,
                                       EncryptedBlob sealed) {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._@-]{1,80}");

  /** The repartition value: {@code requestId|retiredToken|base64(sealed)}; the survivor travels as the key. */
  public String encode() {
    byte[] blob = KnownIdentifierStore.blobSerde().serializer().serialize(null, sealed);
    return requestId + "|" + retiredToken + "|" + Base64.getEncoder().encodeToString(blob);
  }

  /** Reads {@link #encode}'s form under its key; null when key or value is not of that form. */
  public static KnownIdentifierCarryOver decode(String survivorToken, String value) {
    if (survivorToken == null || value == null || !Erasure.PATIENT_TOKEN.matcher(survivorToken)
        .matches()) {
      return null;
    }
    String[] parts = value.split("\\|", 3);
    if (parts.length != 3 || !REQUEST_ID.matcher(parts[0]).matches()
        || !Erasure.PATIENT_TOKEN.matcher(parts[1]).matches()) {
      return null;
    }
    try {
      EncryptedBlob blob = KnownIdentifierStore.blobSerde().deserializer()
          .deserialize(null, Base64.getDecoder().decode(parts[2]));
      return new KnownIdentifierCarryOver(survivorToken, parts[1], parts[0], blob);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
