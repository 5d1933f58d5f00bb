package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import org.junit.jupiter.api.Test;

class CrdSchemasTest {

  private final Schema root = CrdSchemas.forVersion(CrdFixtures.cronTab(), "v1");

  @Test
  void convertsShapeAndExtensions() {
    assertThat(root.type()).isEqualTo(Type.OBJECT);
    assertThat(root.description()).isEqualTo("A CronTab runs an image on a schedule.");
    Schema spec = root.property("spec");
    assertThat(spec.required()).containsExactly("cronSpec", "image");
    assertThat(spec.properties().keySet()).containsExactly("cronSpec", "image", "replicas",
        "concurrencyPolicy", "timeout", "ports", "tags", "matrix", "config", "template", "labels",
        "window");
    assertThat(spec.property("replicas").format()).isEqualTo("int32");
    assertThat(spec.property("timeout").type()).isEqualTo(Type.INT_OR_STRING);
    Schema ports = spec.property("ports");
    assertThat(ports.listType()).isEqualTo("map");
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.items().property("protocol").defaultValue().asText()).isEqualTo("TCP");
    assertThat(spec.property("tags").listType()).isEqualTo("set");
    assertThat(spec.property("matrix").items().items().type()).isEqualTo(Type.NUMBER);
    assertThat(spec.property("config").preserveUnknownFields()).isTrue();
    assertThat(spec.property("template").embeddedResource()).isTrue();
    assertThat(spec.property("labels").isMap()).isTrue();
    assertThat(spec.property("labels").additionalProperties().type()).isEqualTo(Type.STRING);
    assertThat(spec.property("window").nullable()).isTrue();
    assertThat(root.property("status").property("conditions").items()
        .property("lastTransitionTime").format()).isEqualTo("date-time");
  }

  @Test
  void convertsValueValidationsDefaultsAndEnums() {
    Schema spec = root.property("spec");
    assertThat(spec.property("cronSpec").validations().pattern)
        .isEqualTo("^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$");
    assertThat(spec.property("image").validations().minLength).isEqualTo(1L);
    assertThat(spec.property("replicas").validations().minimum).isEqualTo(1.0);
    assertThat(spec.property("replicas").validations().maximum).isEqualTo(10.0);
    assertThat(spec.property("replicas").defaultValue().asInt()).isEqualTo(1);
    assertThat(spec.property("concurrencyPolicy").enumValues()).extracting(n -> n.asText())
        .containsExactly("Allow", "Forbid", "Replace");
    assertThat(spec.property("timeout").validations().anyOf).extracting(Schema::type)
        .containsExactly(Type.INTEGER, Type.STRING);
    assertThat(spec.property("window").validations().celRules).singleElement()
        .satisfies(r -> assertThat(r.path("rule").asText()).isEqualTo("self.start != ''"));
    assertThat(spec.property("cronSpec").defaultValue()).isNull();
    assertThat(spec.property("tags").validations()).isNull();
  }

  @Test
  void mapsAllJsonSchemaPropsConstraints() {
    Schema s = CrdSchemas.toSchema(CrdFixtures.json("""
        {"type":"object","minProperties":1,"maxProperties":3,
         "properties":{
           "n":{"type":"number","multipleOf":0.5,"minimum":0,"exclusiveMinimum":true,
                "maximum":9,"exclusiveMaximum":true},
           "s":{"type":"string","maxLength":5,"format":"email"},
           "l":{"type":"array","minItems":1,"maxItems":2,"uniqueItems":true,"items":{"type":"string"}},
           "free":{"additionalProperties":true,"type":"object"},
           "closed":{"additionalProperties":false,"type":"object"},
           "x":{"oneOf":[{"required":["a"]},{"required":["b"]}],"not":{"required":["c"]},
                "allOf":[{"properties":{"a":{"minLength":1}}}],"type":"object"}}}"""));
    assertThat(s.validations().minProperties).isEqualTo(1L);
    assertThat(s.validations().maxProperties).isEqualTo(3L);
    var n = s.property("n").validations();
    assertThat(n.multipleOf).isEqualTo(0.5);
    assertThat(n.exclusiveMinimum).isTrue();
    assertThat(n.exclusiveMaximum).isTrue();
    assertThat(n.minimum).isEqualTo(0.0);
    assertThat(s.property("s").format()).isEqualTo("email");
    assertThat(s.property("s").validations().maxLength).isEqualTo(5L);
    var l = s.property("l").validations();
    assertThat(l.minItems).isEqualTo(1L);
    assertThat(l.maxItems).isEqualTo(2L);
    assertThat(l.uniqueItems).isTrue();
    assertThat(s.property("free").additionalProperties().type()).isEqualTo(Type.ANY);
    assertThat(s.property("closed").additionalProperties()).isNull();
    var x = s.property("x").validations();
    assertThat(x.oneOf).hasSize(2);
    assertThat(x.oneOf.get(0).required()).containsExactly("a");
    assertThat(x.not.required()).containsExactly("c");
    assertThat(x.allOf.get(0).property("a").validations().minLength).isEqualTo(1L);
  }

  @Test
  void missingSchemasAndVersionsGiveNull() {
    assertThat(CrdSchemas.toSchema(null)).isNull();
    assertThat(CrdSchemas.forVersion(CrdFixtures.cronTab(), "v9")).isNull();
    assertThat(CrdSchemas.toSchema(CrdFixtures.json("{\"x-kubernetes-preserve-unknown-fields\":true}"))
        .type()).isEqualTo(Type.ANY);
  }
}
