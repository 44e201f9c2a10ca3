package org.phigate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every named type embedded in a generated record class is the type as its own generated class has it: a record
 * generated before an enum it embeds gained a symbol would write that symbol's ordinal under a schema without it.
 */
class GeneratedClassesTest {

  @Test
  void shouldEmbedEveryNamedTypeAsItsOwnGeneratedClassHasIt() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (String name : typeNames()) {
      Schema own = classSchema(name);
      for (Schema embedded : namedTypesInside(own, new HashSet<>())) {
        Schema standalone = classSchema(embedded.getName());
        checked++;
        if (!standalone.equals(embedded)) {
          mismatches.add(name + " embeds a different " + embedded.getName());
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(mismatches).isEmpty();
  }

  private static List<String> typeNames() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/avro/phigate"))) {
      return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".avsc"))
          .map(f -> f.substring(0, f.length() - ".avsc".length())).sorted().toList();
    }
  }

  private static Schema classSchema(String simpleName) throws ReflectiveOperationException {
    return (Schema) Class.forName("org.phigate.schema." + simpleName).getField("SCHEMA$").get(null);
  }

  private static List<Schema> namedTypesInside(Schema schema, Set<String> seen) {
    List<Schema> out = new ArrayList<>();
    switch (schema.getType()) {
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          collect(field.schema(), seen, out);
        }
      }
      default -> { }
    }
    return out;
  }

  private static void collect(Schema schema, Set<String> seen, List<Schema> out) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (seen.add(schema.getFullName())) {
          out.add(schema);
          out.addAll(namedTypesInside(schema, seen));
        }
      }
      case UNION -> schema.getTypes().forEach(t -> collect(t, seen, out));
      case ARRAY -> collect(schema.getElementType(), seen, out);
      case MAP -> collect(schema.getValueType(), seen, out);
      default -> { }
    }
  }
}
