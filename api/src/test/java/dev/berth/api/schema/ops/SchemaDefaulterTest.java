package dev.berth.api.schema.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import org.junit.jupiter.api.Test;

class SchemaDefaulterTest {

  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Schema schema() {
    Schema item = Schema.object()
        .property("name", Schema.string())
        .property("protocol", Schema.string().defaultValue(json("\"TCP\"")))
        .property("weight", new Schema(Type.INTEGER).defaultValue(json("1")));
    return Schema.object()
        .property("spec", Schema.object()
            .property("replicas", new Schema(Type.INTEGER).defaultValue(json("1")))
            .property("mode", Schema.string().defaultValue(json("\"fast\"")))
            .property("nullableWithDefault", Schema.string().nullable(true).defaultValue(json("\"d\"")))
            .property("plain", Schema.string())
            .property("maybe", Schema.string().nullable(true))
            .property("ports", Schema.array(item))
            .property("byName", Schema.mapOf(item))
            .property("nested", Schema.object()
                .defaultValue(json("{}"))
                .property("level", Schema.string().defaultValue(json("\"info\"")))))
        .property("status", Schema.object()
            .property("phase", Schema.string().defaultValue(json("\"Pending\""))));
  }

  @Test
  void setsDefaultsForMissingFieldsRecursivelyIntoDefaultsItemsAndMapValues() {
    JsonNode v = json("""
        {"spec":{"ports":[{"name":"a"},{"name":"b","protocol":"UDP"}],
                 "byName":{"x":{"name":"x"}}}}""");
    SchemaDefaulter.apply(v, schema());
    assertThat(v.toString()).isEqualTo("""
        {"spec":{"ports":[{"name":"a","protocol":"TCP","weight":1},\
        {"name":"b","protocol":"UDP","weight":1}],\
        "byName":{"x":{"name":"x","protocol":"TCP","weight":1}},\
        "replicas":1,"mode":"fast","nullableWithDefault":"d","nested":{"level":"info"}}}""");
  }

  @Test
  void doesNotCreateMissingParents() {
    JsonNode v = json("{}");
    SchemaDefaulter.apply(v, schema());
    assertThat(v.toString()).isEqualTo("{}");
  }

  @Test
  void nullsAreDefaultedDroppedOrKeptByNullability() {
    JsonNode v = json("""
        {"spec":{"replicas":null,"nullableWithDefault":null,"plain":null,"maybe":null,
                 "ports":[null],"byName":{"k":null}}}""");
    SchemaDefaulter.apply(v, schema());
    // replicas: non-nullable with default -> default; nullableWithDefault: explicit null kept;
    // plain: non-nullable without default -> removed; maybe: nullable -> kept; a null map value
    // whose schema is neither nullable nor defaulted goes too, array items stay
    assertThat(v.toString()).isEqualTo("""
        {"spec":{"replicas":1,"nullableWithDefault":null,"maybe":null,"ports":[null],\
        "byName":{},"mode":"fast","nested":{"level":"info"}}}""");
  }

  @Test
  void existingValuesAreNeverOverwrittenAndDefaultsAreCopies() {
    Schema s = schema();
    JsonNode a = json("{\"spec\":{\"replicas\":5}}");
    JsonNode b = json("{\"spec\":{}}");
    SchemaDefaulter.apply(a, s);
    SchemaDefaulter.apply(b, s);
    assertThat(a.at("/spec/replicas").asInt()).isEqualTo(5);
    ((com.fasterxml.jackson.databind.node.ObjectNode) b.at("/spec/nested")).put("level", "debug");
    assertThat(s.property("spec").property("nested").defaultValue().toString()).isEqualTo("{}");
    JsonNode c = json("{\"spec\":{}}");
    SchemaDefaulter.apply(c, s);
    assertThat(c.at("/spec/nested/level").asText()).isEqualTo("info");
  }
}
