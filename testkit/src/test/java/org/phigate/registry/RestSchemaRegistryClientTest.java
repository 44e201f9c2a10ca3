package org.phigate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.EmbeddedSchemaRegistry;

class RestSchemaRegistryClientTest {
  private static EmbeddedSchemaRegistry server;

  @BeforeAll
  static void startRegistry() {
    server = EmbeddedSchemaRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    server.close();
  }

  @Test
  void contractHolds() {
    RegistryContract.verify(new RestSchemaRegistryClient(server.url()), "unit-" + System.nanoTime());
  }

  @Test
  void rejectsUnparseableSchemaWith42201() {
    assertThatThrownBy(() -> RegistryContract.postRaw(server.url(), "s", "{\"schema\":\"{not avro\"}"))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(42201));
  }

  @Test
  void listsSubjectsAndVersions() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url() + "/");
    Schema v1 = RegistryContract.record("Listed", "");
    client.register("listed-value", v1);
    assertThat(RegistryContract.get(server.url(), "/subjects")).contains("listed-value");
    assertThat(RegistryContract.get(server.url(), "/subjects/listed-value/versions")).isEqualTo("[1]");
    assertThat(client.latest("listed-value").version()).isEqualTo(1);
  }
}
