package org.phigate.security.keys;

/** The data key a blob needs was destroyed (crypto-shredded): the blob can never be opened again. */
public final class DataKeyDestroyedException extends KeyException {
  public DataKeyDestroyedException(String dataKeyId) {
    super("data key " + dataKeyId + " was destroyed (crypto-shredded); what it sealed cannot be opened");
  }
}
