package org.phigate.deid.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;

/** A synthetic note written with inline gold PHI, "{NAME:Zebulonia Quixtrot}", parsed into text and gold spans. */
public record AnnotatedNote(String id, String text, List<Gold> gold) {
  private static final Pattern MARK = Pattern.compile("\\{([A-Z_]+):([^{}]+)}");

  public record Gold(PhiCategory category, int start, int end, String value) {}

  public static AnnotatedNote of(String id, String annotated) {
    StringBuilder text = new StringBuilder();
    List<Gold> gold = new ArrayList<>();
    Matcher m = MARK.matcher(annotated);
    int last = 0;
    while (m.find()) {
      text.append(annotated, last, m.start());
      int start = text.length();
      text.append(m.group(2));
      gold.add(new Gold(PhiCategory.valueOf(m.group(1)), start, text.length(), m.group(2)));
      last = m.end();
    }
    text.append(annotated.substring(last));
    return new AnnotatedNote(id, text.toString(), List.copyOf(gold));
  }
}
