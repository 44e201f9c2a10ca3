package org.phigate.deid.redact;

import java.util.List;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.VaultEntry;

/**
 * The de-identified event, the vault entries for the tokens it introduced (one per distinct token), and how many
 * structured fields their rule's action redacted more strictly than the policy would have.
 */
public record Redaction(DeidentifiedEvent event, List<VaultEntry> vaultEntries, int tightenedFields) {
  public Redaction {
    vaultEntries = List.copyOf(vaultEntries);
  }
}
