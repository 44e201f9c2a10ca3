package org.phigate.deid.redact;

import java.util.List;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.VaultEntry;

/**
 * The de-identified event, the vault entries for the tokens it introduced (one per distinct token), how many
 * structured fields their rule's action redacted more strictly than the policy would have, and how many text spans a
 * rule action carried by their findings (a known identifier's field rule) redacted more strictly.
 */
public record Redaction(DeidentifiedEvent event, List<VaultEntry> vaultEntries, int tightenedFields,
                        int tightenedSpans) {
  public Redaction {
    vaultEntries = List.copyOf(vaultEntries);
  }
}
