package org.phigate.deid.redact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.VaultEntry;

/**
 * The de-identified event, the vault entries for the values it tokenized (one per distinct value), each token in the
 * event with the vault key of its value (one key per token, in order of first use), how many
 * structured fields their rule's action redacted more strictly than the policy would have, and how many text spans a
 * rule action carried by their findings (a known identifier's field rule) redacted more strictly.
 */
public record Redaction(DeidentifiedEvent event, List<VaultEntry> vaultEntries, Map<String, String> tokenKeys,
                        int tightenedFields, int tightenedSpans) {
  public Redaction {
    vaultEntries = List.copyOf(vaultEntries);
    tokenKeys = Collections.unmodifiableMap(new LinkedHashMap<>(tokenKeys));
  }
}
