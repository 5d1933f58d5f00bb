package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathLiteTest {

  private static final JsonNode OBJ = CrdFixtures.json("""
      {"metadata":{"name":"a","labels":{"app":"web","x.y/z":"dotted"},
         "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
       "spec":{"replicas":3,"items":[{"n":1},{"n":2},{"n":3}],"flag":false},
       "status":{"conditions":[
         {"type":"Progressing","status":"True","age":5},
         {"type":"Ready","status":"False","age":9}]}}""");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      ".spec.replicas|[3]",
      "{.spec.replicas}|[3]",
      "$.spec.replicas|[3]",
      "spec.replicas|[3]",
      ".metadata.labels['app']|[\"web\"]",
      ".metadata.labels[\"x.y/z\"]|[\"dotted\"]",
      ".metadata.labels.x\\.y/z|[\"dotted\"]",
      ".metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration|[\"{}\"]",
      ".spec.items[0].n|[1]",
      ".spec.items[-1].n|[3]",
      ".spec.items[1:].n|[2,3]",
      ".spec.items[:2].n|[1,2]",
      ".spec.items[*].n|[1,2,3]",
      ".spec.items.*.n|[1,2,3]",
      ".spec.flag|[false]",
      ".status.conditions[?(@.type==\"Ready\")].status|[\"False\"]",
      ".status.conditions[?(@.type=='Progressing')].status|[\"True\"]",
      ".status.conditions[?(@.type!=\"Ready\")].type|[\"Progressing\"]",
      ".status.conditions[?(@.age > 6)].type|[\"Ready\"]",
      ".status.conditions[?(@.age<=5)].type|[\"Progressing\"]",
      ".status.conditions[?(@.missing)].type|[]",
      ".spec.nothing|[]",
      ".spec.items[7]|[]",
      ".spec.replicas.deeper|[]"})
  void evaluates(String path, String expected) {
    List<JsonNode> values = JsonPathLite.parse(path).evaluate(OBJ);
    assertThat(values.toString().replace(", ", ",")).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..spec", ".spec..x", ".spec[", ".spec[abc]", ".spec[?(@.a ~ 1)]",
      ".spec['x", "", ".", "@"})
  void refusesWhatItCannotParse(String path) {
    assertThat(JsonPathLite.problem(path)).isPresent();
    assertThatThrownBy(() -> JsonPathLite.parse(path)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setsValuesOnFieldPathsCreatingParents() {
    ObjectNode o = CrdFixtures.json("{\"spec\":{}}");
    assertThat(JsonPathLite.parse(".spec.replicas").set(o, IntNode.valueOf(4))).isTrue();
    assertThat(JsonPathLite.parse(".status.scale.replicas").set(o, IntNode.valueOf(2))).isTrue();
    assertThat(o.toString()).isEqualTo("{\"spec\":{\"replicas\":4},\"status\":{\"scale\":{\"replicas\":2}}}");
    assertThat(JsonPathLite.parse(".spec.replicas.x").set(o, IntNode.valueOf(1))).isFalse();
    assertThat(JsonPathLite.parse(".spec.items[0]").set(o, IntNode.valueOf(1))).isFalse();
    assertThat(JsonPathLite.parse(".spec.items[0]").isFieldPath()).isFalse();
  }
}
