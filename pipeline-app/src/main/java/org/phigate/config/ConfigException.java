package org.phigate.config;

/** A configuration problem, with a message that tells the operator which key to set. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
