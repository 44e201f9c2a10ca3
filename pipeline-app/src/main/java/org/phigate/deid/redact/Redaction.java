package org.phigate.deid.redact;

import java.util.List;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.VaultEntry;

/** The de-identified event and the vault entries for the tokens it introduced (one per distinct token). */
public record Redaction(DeidentifiedEvent event, List<VaultEntry> vaultEntries) {
  public Redaction {
    vaultEntries = List.copyOf(vaultEntries);
  }
}
