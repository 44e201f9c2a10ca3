package org.phigate.deid.detect;

import org.junit.jupiter.api.Test;

class ScratchScoresTest {
  @Test
  void print() {
    String text = System.getProperty("text", "founders: Monjeau, Graves and Reed.");
    NameTokens nt = new NameTokens(text, Lexicon.get());
    for (NameTokens.Tok t : nt.tokens()) {
      System.out.printf("TOK %s %s %.3f%n", t.base(), t.kind(), NameShapeModel.get().score(t.base()));
    }
  }
}
