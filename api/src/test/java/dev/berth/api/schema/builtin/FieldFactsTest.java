package dev.berth.api.schema.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fact tables' parser, and how the schema builder refuses facts that do not fit the model. */
class FieldFactsTest {

  private static final String POD_SPEC = "io.k8s.api.core.v1.PodSpec";

  private static ModelSchemaBuilder builder(String table) {
    return new ModelSchemaBuilder(FieldFacts.parse("test.tsv", table), c -> List.of());
  }

  @Test
  void parsesRowsCommentsAndTypeRows() {
    FieldFacts facts = FieldFacts.parse("t", """
        # a comment

        x.Y\tf\tpatchStrategy=merge patchMergeKey=name listType=map listMapKeys=a,b
        x.Y\t.\tmapType=atomic required=f,g
        x.Y\tg\tomit
        """);
    assertThat(facts.field("x.Y", "f").get("patchStrategy")).isEqualTo("merge");
    assertThat(facts.field("x.Y", "f").list("listMapKeys")).containsExactly("a", "b");
    assertThat(facts.type("x.Y").list("required")).containsExactly("f", "g");
    assertThat(facts.field("x.Y", "g").has("omit")).isTrue();
    assertThat(facts.field("x.Y", "h")).isNull();
    assertThat(facts.field("x.Z", "f")).isNull();
  }

  @Test
  void rowsForOneFieldFromTwoTablesMerge() {
    FieldFacts facts = FieldFacts.parse("t", "x.Y\tf\tlistType=atomic\nx.Y\tf\tformat=byte\n");
    assertThat(facts.field("x.Y", "f").attributes()).containsEntry("listType", "atomic").containsEntry("format", "byte");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "x.Y\tf\tpatchStratgy=merge",            // typo in a key
      "x.Y f listType=map",                    // spaces instead of tabs
      "x.Y\tf",                                // no attributes column
      "x.Y\tf\tlistType=map\nx.Y\tf\tlistType=set", // one key twice
  })
  void malformedTablesAreRefusedWithTheirLocation(String table) {
    assertThatThrownBy(() -> FieldFacts.parse("bad.tsv", table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad.tsv:");
  }

  @Test
  void defaultsParseAsJsonOrFallBackToText() {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(FieldFacts.parseDefault(mapper, "TCP").asText()).isEqualTo("TCP");
    assertThat(FieldFacts.parseDefault(mapper, "3").isInt()).isTrue();
    assertThat(FieldFacts.parseDefault(mapper, "{}").isObject()).isTrue();
  }

  @Test
  void listMetadataOnAFieldThatIsNotAListIsRefused() {
    ModelSchemaBuilder b = builder(POD_SPEC + "\thostname\tlistType=map listMapKeys=name\n");
    assertThatThrownBy(() -> b.component(PodSpec.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PodSpec.hostname").hasMessageContaining("non-list");
  }

  @Test
  void listMapKeysMustNameFieldsOfTheItems() {
    ModelSchemaBuilder b = builder(POD_SPEC + "\tcontainers\tlistType=map listMapKeys=nmae\n");
    assertThatThrownBy(() -> b.component(PodSpec.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no field 'nmae'");
  }

  @Test
  void listMapKeysNeedAMapList() {
    ModelSchemaBuilder b = builder(POD_SPEC + "\tcontainers\tlistMapKeys=name\n");
    assertThatThrownBy(() -> b.component(PodSpec.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listType=map");
  }

  @Test
  void requiredFieldsMustExist() {
    ModelSchemaBuilder b = builder("io.k8s.api.core.v1.ContainerPort\t.\trequired=port\n");
    assertThatThrownBy(() -> b.component(ContainerPort.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no field 'port'");
  }

  @Test
  void fieldAttributesOnATypeRowAreRefused() {
    ModelSchemaBuilder b = builder("io.k8s.api.core.v1.ContainerPort\t.\tpatchStrategy=merge\n");
    assertThatThrownBy(() -> b.component(ContainerPort.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a type attribute");
  }

  @Test
  void rowsThatMatchNothingAreReported() {
    ModelSchemaBuilder b = builder(POD_SPEC + "\tcontainerz\tlistType=atomic\n"
        + "io.k8s.api.core.v1.NoSuchType\tx\tlistType=atomic\n"
        + POD_SPEC + "\tcontainers\tlistType=atomic\n");
    b.component(PodSpec.class);
    assertThat(b.unusedFacts()).containsExactlyInAnyOrder(POD_SPEC + " containerz", "io.k8s.api.core.v1.NoSuchType x");
  }

  @Test
  void fieldMetadataOnASharedComponentMakesAView() {
    ModelSchemaBuilder b = builder("io.k8s.api.apps.v1.DeploymentSpec\tstrategy\tpatchStrategy=retainKeys\n");
    var spec = b.component(DeploymentSpec.class);
    assertThat(spec.property("strategy").patchStrategy()).isEqualTo("retainKeys");
    assertThat(b.components().get("io.k8s.api.apps.v1.DeploymentStrategy").patchStrategy()).isNull();
    assertThat(b.components().get("io.k8s.api.apps.v1.DeploymentStrategy")).isNotSameAs(spec.property("strategy"));
  }

  @Test
  void formatOnANamedComponentIsRefused() {
    ModelSchemaBuilder b = builder(POD_SPEC + "\taffinity\tformat=byte\n");
    assertThatThrownBy(() -> b.component(PodSpec.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format on a named component");
  }
}
