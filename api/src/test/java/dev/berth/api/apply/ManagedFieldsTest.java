package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.apply.ManagedFields.Decoded;
import dev.berth.api.apply.ManagedFields.Entry;
import dev.berth.api.apply.ManagedFields.Operation;
import dev.berth.api.status.ApiException;
import dev.berth.api.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManagedFieldsTest {

  private static final String F = "'fieldsType':'FieldsV1','fieldsV1':{'f:a':{}}";

  static Stream<Arguments> validation() {
    return Stream.of(
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1'," + F + "}]", List.of()),
        Arguments.of("[{'manager':'m','operation':'Apply','apiVersion':'v1','time':'2024-01-02T03:04:05Z'," + F + "}]",
            List.of()),
        Arguments.of("[{'manager':'m','operation':'Patch','apiVersion':'v1'," + F + "}]",
            List.of("metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or `Update`")),
        Arguments.of("[{'manager':'m','operation':'Update'," + F + "},{'operation':'','fieldsType':'FieldsV2'}]",
            List.of("metadata.managedFields[1].operation: Invalid value: \"\": must be `Apply` or `Update`",
                "metadata.managedFields[1].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`")),
        Arguments.of("[{'manager':'" + "m".repeat(129) + "','operation':'Update'}]",
            List.of("metadata.managedFields[0].manager: Too long: may not be more than 128 bytes")),
        Arguments.of("[{'manager':'a\\u0007b','operation':'Update'}]",
            List.of("metadata.managedFields[0].manager: Invalid value: \"a\u0007b\": invalid character U+0007 "
                + "(at position 1)")),
        Arguments.of("[{'manager':'m','operation':'Update','subresource':'" + "s".repeat(257) + "'}]",
            List.of("metadata.managedFields[0].subresource: Too long: may not be more than 256 bytes")),
        Arguments.of("null", List.of()),
        Arguments.of("[null]", List.of(
            "metadata.managedFields[0].operation: Invalid value: \"\": must be `Apply` or `Update`")));
  }

  @ParameterizedTest
  @MethodSource("validation")
  void validationAsObjectMetaValidation(String managedFields, List<String> errors) {
    assertThat(ManagedFields.validate(json(managedFields), "metadata.managedFields"))
        .extracting(FieldError::toString).containsExactlyElementsOf(errors);
  }

  static Stream<Arguments> undecodable() {
    return Stream.of(
        Arguments.of("{}", "json: cannot unmarshal object into Go struct field metadata.managedFields of type "
            + "[]v1.ManagedFieldsEntry"),
        Arguments.of("['x']", "json: cannot unmarshal string into Go struct field metadata.managedFields of type "
            + "v1.ManagedFieldsEntry"),
        Arguments.of("[{'manager':5}]", "json: cannot unmarshal number into Go struct field "
            + "metadata.managedFields[0].manager of type string"),
        Arguments.of("[{'fieldsV1':[]}]", "json: cannot unmarshal array into Go struct field "
            + "metadata.managedFields[0].fieldsV1 of type v1.FieldsV1"),
        Arguments.of("[{'time':'yesterday'}]", "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": "
            + "cannot parse \"yesterday\" as \"2006\""));
  }

  @ParameterizedTest
  @MethodSource("undecodable")
  void shapeErrorsAreBadRequests(String managedFields, String message) {
    assertThatThrownBy(() -> ManagedFields.validate(json(managedFields), "metadata.managedFields"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  static Stream<Arguments> decoding() {
    return Stream.of(
        Arguments.of("[{'manager':'m','operation':'Bogus','apiVersion':'v1'," + F + "}]",
            "operation must be `Apply` or `Update`"),
        Arguments.of("[{'manager':'m','operation':'Update'," + F + "}]", "apiVersion must not be empty"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1'}]",
            "missing fieldsType in managed fields entry 0"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV2'}]",
            "invalid fieldsType \"FieldsV2\" in managed fields entry 0"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV1',"
            + "'fieldsV1':{'q':{}}}]", "error decoding versioned set: error decoding set: "
            + "key must be 2 characters long: q"));
  }

  @ParameterizedTest
  @MethodSource("decoding")
  void decodingRefusesWhatUpstreamRefuses(String managedFields, String reason) {
    assertThat(ManagedFields.decode(json(managedFields))).isEqualTo(new Decoded.Invalid(reason));
  }

  @Test
  void decodingKeysEntriesByManagerIdentifier() {
    Decoded d = ManagedFields.decode(json("["
        + "{'manager':'m','operation':'Update','apiVersion':'v1','time':'2024-01-02T03:04:05.123+02:00'," + F + "},"
        + "{'manager':'m','operation':'Update','apiVersion':'v2'," + F + "},"
        + "{'manager':'k','operation':'Apply','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'f:x':{}}},"
        + "{'manager':'k','operation':'Apply','apiVersion':'v2','fieldsType':'FieldsV1','fieldsV1':{'f:y':{}}}]"));
    List<Entry> entries = ((Decoded.Valid) d).entries();
    // Appliers are one manager whatever their version: the later entry wins.
    assertThat(entries).extracting(Entry::identifier).containsExactly(
        "{\"manager\":\"m\",\"operation\":\"Update\",\"apiVersion\":\"v1\"}",
        "{\"manager\":\"m\",\"operation\":\"Update\",\"apiVersion\":\"v2\"}",
        "{\"manager\":\"k\",\"operation\":\"Apply\"}");
    assertThat(entries.get(0).time()).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
    assertThat(entries.get(2).fields().pathStrings()).containsExactly(".y");
  }

  @Test
  void encodingSortsAsUpstream() {
    FieldSet f = FieldSet.of(FieldPath.fields("a"));
    Instant t1 = Instant.parse("2024-01-01T00:00:00Z");
    Instant t2 = Instant.parse("2024-01-01T00:00:01Z");
    List<Entry> entries = List.of(
        new Entry("z", Operation.UPDATE, "v1", t1, "", f),
        new Entry("a", Operation.UPDATE, "v1", t2, "", f),
        new Entry("b", Operation.UPDATE, "v1", t1, "status", f),
        new Entry("b", Operation.UPDATE, "v1", t1, "", f),
        new Entry("a", Operation.UPDATE, "v2", t1, "", f),
        new Entry("z", Operation.APPLY, "v1", t2, "", f),
        new Entry("y", Operation.APPLY, "v1", null, "", f));
    assertThat(ManagedFields.encode(entries)).extracting(e -> e.path("operation").asText() + " "
            + e.path("manager").asText() + " " + e.path("apiVersion").asText() + " " + e.path("subresource").asText())
        .containsExactly("Apply y v1 ", "Apply z v1 ", "Update a v2 ", "Update b v1 ", "Update b v1 status",
            "Update z v1 ", "Update a v1 ");
    assertThat(ManagedFields.formatTime(Instant.parse("2024-01-02T03:04:05.999Z"))).isEqualTo("2024-01-02T03:04:05Z");
  }

  @Test
  void resetIsAnEmptyListOrOneEmptyEntry() {
    assertThat(ManagedFields.isReset(json("[]"))).isTrue();
    assertThat(ManagedFields.isReset(json("[{}]"))).isTrue();
    assertThat(ManagedFields.isReset(json("[{},{}]"))).isFalse();
    assertThat(ManagedFields.isReset(json("[{'manager':'m'}]"))).isFalse();
    assertThat(ManagedFields.isReset(json("null"))).isFalse();
    assertThat(ManagedFields.isReset(null)).isFalse();
  }

  @Test
  void fieldManagerParameterValidation() {
    assertThat(ManagedFields.validateFieldManager("kubectl", "fieldManager")).isEmpty();
    assertThat(ManagedFields.validateFieldManager("caf\u00e9\n", "fieldManager")).extracting(FieldError::toString)
        .containsExactly("fieldManager: Invalid value: \"caf\u00e9\n\": invalid character U+000A (at position 5)");
  }
}
