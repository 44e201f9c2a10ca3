package org.phigate.compliance;

/** One control's result in a report. */
public record Finding(Control control, Outcome outcome) {
  public Status status() {
    return outcome.status();
  }
}
