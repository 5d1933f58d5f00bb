package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CrdDefaultsTest {

  @Test
  void fillsSingularListKindConversionAndStoredVersions() {
    ObjectNode crd = CrdFixtures.cronTabRaw();
    assertThat(crd.at("/spec/names/singular").isMissingNode()).isTrue();
    CrdDefaults.apply(crd);
    assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("crontab");
    assertThat(crd.at("/spec/names/listKind").asText()).isEqualTo("CronTabList");
    assertThat(crd.at("/spec/conversion").toString()).isEqualTo("{\"strategy\":\"None\"}");
    assertThat(crd.at("/status/storedVersions").toString()).isEqualTo("[\"v1\"]");
  }

  @Test
  void keepsWhatIsSetAndDefaultsTheWebhookPort() {
    ObjectNode crd = CrdFixtures.json("""
        {"spec":{"names":{"kind":"Foo","singular":"thing","listKind":"FooItems"},
          "conversion":{"strategy":"Webhook","webhook":{"clientConfig":{"service":{"name":"s","namespace":"n"}}}},
          "versions":[{"name":"v1","storage":false},{"name":"v2","storage":true}]},
         "status":{"storedVersions":["v1"]}}""");
    CrdDefaults.apply(crd);
    assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("thing");
    assertThat(crd.at("/spec/names/listKind").asText()).isEqualTo("FooItems");
    assertThat(crd.at("/spec/conversion/webhook/clientConfig/service/port").asInt()).isEqualTo(443);
    assertThat(crd.at("/status/storedVersions").toString()).isEqualTo("[\"v1\"]");
  }

  @Test
  void toleratesIncompleteObjects() {
    ObjectNode empty = CrdFixtures.json("{}");
    CrdDefaults.apply(empty);
    assertThat(empty.toString()).isEqualTo("{}");
    ObjectNode noKind = CrdFixtures.json("{\"spec\":{\"names\":{}}}");
    CrdDefaults.apply(noKind);
    assertThat(noKind.at("/spec/names").toString()).isEqualTo("{}");
  }
}
