package org.phigate.deid.vault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/**
 * Puts originals back in place of tokens ({@code [NAME-4f2a9c01]}) for the write-back role. A token the lookup does
 * not know, or whose entry cannot be opened or belongs to another token, stays in the text and is reported.
 */
public final class Reidentifier {
  static final Pattern TOKEN = Pattern.compile("\\[(?:" + Arrays.stream(PhiCategory.values()).map(Enum::name)
      .collect(Collectors.joining("|")) + ")-[0-9a-f]{8}]");
  private final FieldCipher vaultCipher;

  /** The text with known tokens replaced, and the tokens left in place (each once, in order of appearance). */
  public record Reidentified(String text, List<String> unresolvedTokens) {
    public Reidentified {
      unresolvedTokens = List.copyOf(unresolvedTokens);
    }

    public boolean complete() {
      return unresolvedTokens.isEmpty();
    }
  }

  public Reidentifier(FieldCipher vaultCipher) {
    this.vaultCipher = vaultCipher;
  }

  /**
   * @param lookup the tenant's vault by token; returns null for an unknown token
   */
  public Reidentified reidentify(String text, Function<String, VaultEntry> lookup) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> unresolved = new LinkedHashSet<>();
    while (m.find()) {
      String token = m.group();
      String original = open(token, lookup.apply(token));
      if (original == null) {
        unresolved.add(token);
        original = token;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(original));
    }
    m.appendTail(out);
    return new Reidentified(out.toString(), new ArrayList<>(unresolved));
  }

  private String open(String token, VaultEntry entry) {
    if (entry == null || !token.equals(entry.getToken())) {
      return null;
    }
    try {
      return vaultCipher.openString(entry.getOriginal(), token);
    } catch (CryptoException e) {
      return null;
    }
  }
}
