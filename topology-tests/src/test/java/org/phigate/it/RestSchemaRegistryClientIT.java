package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.registry.SchemaRegistryException;

/** The REST client against the real Apicurio Registry (Confluent-compatible API; ids are content ids). */
class RestSchemaRegistryClientIT {
  private static String url;

  @BeforeAll
  static void registry() {
    url = SharedServices.apicurio().ccompatUrl();
  }

  @Test
  void registerIsIdempotentAndRoundTrips() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);
    Schema v1 = record("RoundTrip", "");
    int id = client.register("it-roundtrip-value", v1);
    assertThat(client.register("it-roundtrip-value", v1)).isEqualTo(id);

    RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(url);
    assertThat(fresh.register("it-roundtrip-value", v1)).isEqualTo(id);
    assertThat(fresh.getById(id)).isEqualTo(v1);
    assertThat(fresh.latest("it-roundtrip-value").id()).isEqualTo(id);
    assertThat(fresh.latest("it-roundtrip-value").schema()).isEqualTo(v1);
  }

  @Test
  void incompatibleChangeIsRejectedWith409() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);
    Schema v1 = record("Compat", "");
    client.register("it-compat-value", v1);
    assertThat(client.isCompatible("it-compat-value",
        record("Compat", ",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"))).isTrue();

    Schema incompatible = record("Compat", ",{\"name\":\"required\",\"type\":\"int\"}");
    assertThat(client.isCompatible("it-compat-value", incompatible)).isFalse();
    assertThatThrownBy(() -> client.register("it-compat-value", incompatible))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
  }

  @Test
  void unknownSubjectIsCompatibleAndUnknownIdsAreErrors() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);
    assertThat(client.isCompatible("it-never-registered-value", record("Fresh", ""))).isTrue();
    assertThatThrownBy(() -> client.getById(987_654))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> client.latest("it-never-registered-value"))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
  }

  private static Schema record(String name, String extraFields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"org.phigate.it\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}" + extraFields + "]}");
  }
}
