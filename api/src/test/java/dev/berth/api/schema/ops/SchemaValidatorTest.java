package dev.berth.api.schema.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import dev.berth.api.schema.Validations;
import dev.berth.api.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaValidatorTest {

  private static final ObjectMapper M = new ObjectMapper();
  private final SchemaValidator validator = new SchemaValidator();

  static JsonNode json(String s) {
    try {
      return M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Schema with(Schema s, Consumer<Validations> v) {
    Validations val = new Validations();
    v.accept(val);
    return s.validations(val);
  }

  private static Schema enumOf(Schema s, String... values) {
    for (String v : values) {
      s.enumValues().add(json(v));
    }
    return s;
  }

  /** A resource schema whose spec has one field {@code f} of the given schema. */
  private static Schema spec(Schema field) {
    return Schema.object().property("spec", Schema.object().property("f", field));
  }

  private List<String> errors(Schema specField, String fieldJson) {
    JsonNode obj = json("{\"spec\":{\"f\":" + fieldJson + "}}");
    return validator.validate(obj, spec(specField)).stream().map(FieldError::toString).toList();
  }

  static Stream<Arguments> cases() {
    Schema anyOf = with(new Schema(), v -> {
      v.anyOf.add(with(new Schema(), x -> x.maxLength = 2L));
      v.anyOf.add(with(new Schema(), x -> x.pattern = "^z"));
    });
    Schema oneOf = with(new Schema(Type.STRING), v -> {
      v.oneOf.add(with(new Schema(), x -> x.minLength = 1L));
      v.oneOf.add(with(new Schema(), x -> x.pattern = "a"));
    });
    Schema allOf = with(new Schema(Type.INTEGER), v -> {
      v.allOf.add(with(new Schema(), x -> x.minimum = 5.0));
      v.allOf.add(with(new Schema(), x -> x.maximum = 10.0));
    });
    Schema not = with(new Schema(Type.STRING), v -> v.not = with(new Schema(), x -> x.pattern = "^bad"));
    return Stream.of(
        Arguments.of("type", new Schema(Type.INTEGER), "\"x\"", List.of(
            "spec.f: Invalid value: \"string\": spec.f in body must be of type integer: \"string\"")),
        Arguments.of("integral float is an integer", new Schema(Type.INTEGER), "1.0", List.of()),
        Arguments.of("fraction is not", new Schema(Type.INTEGER), "1.5", List.of(
            "spec.f: Invalid value: \"number\": spec.f in body must be of type integer: \"number\"")),
        Arguments.of("int-or-string", new Schema(Type.INT_OR_STRING), "true", List.of(
            "spec.f: Invalid value: \"boolean\": spec.f in body must be of type integer,string: \"boolean\"")),
        Arguments.of("object", Schema.object(), "[]", List.of(
            "spec.f: Invalid value: \"array\": spec.f in body must be of type object: \"array\"")),
        Arguments.of("null", Schema.string(), "null", List.of(
            "spec.f: Invalid value: \"null\": spec.f in body must be of type string: \"null\"")),
        Arguments.of("nullable", Schema.string().nullable(true), "null", List.of()),
        Arguments.of("any", new Schema(Type.ANY), "{\"x\":[1]}", List.of()),
        Arguments.of("enum", with(Schema.string(), v -> {
          v.enumValues.add(json("\"S\""));
          v.enumValues.add(json("\"M\""));
        }), "\"XL\"", List.of("spec.f: Unsupported value: \"XL\": supported values: \"S\", \"M\"")),
        Arguments.of("numeric enum equality", enumOf(new Schema(Type.NUMBER), "2.0", "3"), "2", List.of()),
        Arguments.of("non-string enum values are shown as JSON", enumOf(new Schema(Type.ANY), "1", "true", "[1,2]"),
            "2", List.of("spec.f: Unsupported value: 2: supported values: \"1\", \"true\", \"[1,2]\"")),
        Arguments.of("enum with null needs null listed", enumOf(Schema.string().nullable(true), "\"a\""),
            "null", List.of("spec.f: Unsupported value: null: supported values: \"a\"")),
        Arguments.of("minimum", with(new Schema(Type.INTEGER), v -> v.minimum = 1.0), "0", List.of(
            "spec.f: Invalid value: 0: spec.f in body should be greater than or equal to 1")),
        Arguments.of("exclusive minimum", with(new Schema(Type.INTEGER), v -> {
          v.minimum = 1.0;
          v.exclusiveMinimum = true;
        }), "1", List.of("spec.f: Invalid value: 1: spec.f in body should be greater than 1")),
        Arguments.of("exclusive maximum", with(new Schema(Type.NUMBER), v -> {
          v.maximum = 10.0;
          v.exclusiveMaximum = true;
        }), "10", List.of("spec.f: Invalid value: 10: spec.f in body should be less than 10")),
        Arguments.of("maximum fraction", with(new Schema(Type.NUMBER), v -> v.maximum = 2.5), "3",
            List.of("spec.f: Invalid value: 3: spec.f in body should be less than or equal to 2.5")),
        Arguments.of("multipleOf", with(new Schema(Type.NUMBER), v -> v.multipleOf = 0.5), "1.25",
            List.of("spec.f: Invalid value: 1.25: spec.f in body should be a multiple of 0.5")),
        Arguments.of("multipleOf ok", with(new Schema(Type.NUMBER), v -> v.multipleOf = 0.1), "0.3",
            List.of()),
        Arguments.of("maxLength", with(Schema.string(), v -> v.maxLength = 3L), "\"abcd\"",
            List.of("spec.f: Too long: may not be more than 3 bytes")),
        Arguments.of("maxLength counts characters", with(Schema.string(), v -> v.maxLength = 3L),
            "\"\u00e9\u00e9\uD83D\uDE00\"", List.of()),
        Arguments.of("minLength", with(Schema.string(), v -> v.minLength = 2L), "\"a\"", List.of(
            "spec.f: Invalid value: \"a\": spec.f in body should be at least 2 chars long")),
        Arguments.of("pattern", with(Schema.string(), v -> v.pattern = "^[0-9]+$"), "\"12a\"",
            List.of("spec.f: Invalid value: \"12a\": spec.f in body should match '^[0-9]+$'")),
        Arguments.of("pattern is unanchored", with(Schema.string(), v -> v.pattern = "[0-9]"),
            "\"a1b\"", List.of()),
        Arguments.of("RE2 named group", with(Schema.string(), v -> v.pattern = "^(?P<n>[a-z]+)$"),
            "\"abc\"", List.of()),
        Arguments.of("format", Schema.string().format("date-time"), "\"garbage\"", List.of(
            "spec.f: Invalid value: \"garbage\": spec.f in body must be of type date-time: \"garbage\"")),
        Arguments.of("format ok", Schema.string().format("date-time"), "\"2024-01-02T03:04:05Z\"",
            List.of()),
        Arguments.of("unsupported formats are ignored", Schema.string().format("int32"), "\"x\"",
            List.of()),
        Arguments.of("maxItems", with(Schema.array(Schema.string()), v -> v.maxItems = 2L),
            "[\"a\",\"b\",\"c\"]", List.of("spec.f: Too many: 3: must have at most 2 items")),
        Arguments.of("minItems", with(Schema.array(Schema.string()), v -> v.minItems = 2L), "[\"a\"]",
            List.of("spec.f: Invalid value: 1: spec.f in body should have at least 2 items")),
        Arguments.of("uniqueItems", with(Schema.array(new Schema(Type.ANY)), v -> v.uniqueItems = true),
            "[{\"a\":1},{\"a\":1.0}]",
            List.of("spec.f: Invalid value: \"\": spec.f in body shouldn't contain duplicates")),
        Arguments.of("maxProperties", with(Schema.mapOf(Schema.string()), v -> v.maxProperties = 1L),
            "{\"a\":\"1\",\"b\":\"2\"}", List.of("spec.f: Too many: 2: must have at most 1 items")),
        Arguments.of("minProperties", with(Schema.mapOf(Schema.string()), v -> v.minProperties = 2L),
            "{\"a\":\"1\"}",
            List.of("spec.f: Invalid value: 1: spec.f in body should have at least 2 properties")),
        Arguments.of("required and nested paths", Schema.array(Schema.object()
                .property("name", Schema.string()).require("name").property("port", new Schema(Type.INTEGER))),
            "[{\"name\":\"a\"},{\"port\":\"x\"}]", List.of(
                "spec.f[1].name: Required value",
                "spec.f[1].port: Invalid value: \"string\": spec.f[1].port in body must be of type integer: \"string\"")),
        Arguments.of("map values", Schema.mapOf(with(Schema.string(), v -> v.maxLength = 1L)),
            "{\"k\":\"long\"}", List.of("spec.f.k: Too long: may not be more than 1 byte")),
        Arguments.of("anyOf", anyOf, "\"abc\"", List.of(
            "<nil>: Invalid value: \"\": \"spec.f\" must validate at least one schema (anyOf)",
            "spec.f: Too long: may not be more than 2 bytes")),
        Arguments.of("anyOf ok", anyOf, "\"zzzz\"", List.of()),
        Arguments.of("oneOf with two matches", oneOf, "\"a\"", List.of(
            "<nil>: Invalid value: \"\": \"spec.f\" must validate one and only one schema (oneOf). Found 2 valid alternatives")),
        Arguments.of("oneOf ok", oneOf, "\"b\"", List.of()),
        Arguments.of("allOf", allOf, "11", List.of(
            "spec.f: Invalid value: 11: spec.f in body should be less than or equal to 10",
            "<nil>: Invalid value: \"\": \"spec.f\" must validate all the schemas (allOf)")),
        Arguments.of("not", not, "\"badger\"", List.of(
            "<nil>: Invalid value: \"\": \"spec.f\" must not validate the schema (not)")),
        Arguments.of("not ok", not, "\"good\"", List.of()),
        Arguments.of("list-type set", Schema.array(Schema.string()).listType("set"),
            "[\"a\",\"b\",\"a\",\"a\",\"b\"]", List.of(
                "spec.f: Duplicate value: \"a\"", "spec.f: Duplicate value: \"b\"")),
        Arguments.of("list-type map with defaulted key", Schema.array(Schema.object()
                .property("port", new Schema(Type.INTEGER))
                .property("protocol", Schema.string().defaultValue(json("\"TCP\""))))
                .listType("map").listMapKeys(List.of("port", "protocol")),
            "[{\"port\":80},{\"port\":80,\"protocol\":\"TCP\"},{\"port\":80,\"protocol\":\"UDP\"}]",
            List.of("spec.f[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesLikeKubeOpenApi(String name, Schema field, String value, List<String> expected) {
    assertThat(errors(field, value)).containsExactlyElementsOf(expected);
  }

  @Test
  void errorTypesMatchUpstream() {
    JsonNode obj = json("{\"spec\":{\"f\":\"x\"}}");
    List<FieldError> errs = validator.validate(obj, spec(new Schema(Type.INTEGER)));
    assertThat(errs).extracting(FieldError::type).containsExactly(FieldError.Type.TYPE_INVALID);
    assertThat(errs.get(0).type().reason()).isEqualTo("FieldValueTypeInvalid");
    List<FieldError> missing = validator.validate(json("{\"spec\":{}}"),
        Schema.object().property("spec", Schema.object().require("f")));
    assertThat(missing).extracting(FieldError::type).containsExactly(FieldError.Type.REQUIRED);
  }

  @Test
  void aPrefixQualifiesFieldsButNotTexts() {
    List<FieldError> errs = validator.validate(json("{\"a\":\"x\"}"),
        Schema.object().property("a", new Schema(Type.INTEGER)), "spec.validation.default");
    assertThat(errs).extracting(FieldError::toString).containsExactly(
        "spec.validation.default.a: Invalid value: \"string\": a in body must be of type integer: \"string\"");
  }

  @Test
  void aCatastrophicPatternIsAbandonedQuickly() {
    Schema s = with(Schema.string(), v -> v.pattern = "^(a+)+$");
    String evil = "\"" + "a".repeat(40) + "!\"";
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThat(errors(s, evil)).singleElement().asString().contains("should match '^(a+)+$'"));
  }

  @Test
  void goNumberFormatting() {
    assertThat(SchemaValidator.goNumber(10)).isEqualTo("10");
    assertThat(SchemaValidator.goNumber(2.5)).isEqualTo("2.5");
    assertThat(SchemaValidator.goNumber(1e21)).isEqualTo("1e+21");
    assertThat(SchemaValidator.goNumber(1e-5)).isEqualTo("1e-05");
  }
}
