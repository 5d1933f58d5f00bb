package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldError;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrdValidationTest {

  private static final String S = "spec.versions[0].schema.openAPIV3Schema";
  private static final String SPEC = S + ".properties[spec]";

  /** field | reason | detail: independent of how large bad values print. */
  private static String render(FieldError e) {
    return e.field() + " | " + e.type().reason() + " | " + e.detail();
  }

  private static List<String> errors(Consumer<ObjectNode> edit) {
    ObjectNode crd = CrdFixtures.cronTab();
    edit.accept(crd);
    return CrdValidation.validate(crd).stream().map(CrdValidationTest::render).toList();
  }

  private static ObjectNode at(ObjectNode crd, String pointer) {
    return (ObjectNode) crd.at(pointer);
  }

  private static JsonNode json(String s) {
    return CrdFixtures.json("{\"v\":" + s + "}").get("v");
  }

  @Test
  void theCronTabCrdIsValid() {
    assertThat(CrdValidation.validate(CrdFixtures.cronTab())).isEmpty();
  }

  @Test
  void withoutDefaultingTheNamesAreIncomplete() {
    assertThat(CrdValidation.validate(CrdFixtures.cronTabRaw()).stream().map(FieldError::toString))
        .containsExactly("spec.names.singular: Required value", "spec.names.listKind: Required value");
  }

  @Test
  void messagesReadAsUpstreams() {
    ObjectNode crd = CrdFixtures.cronTab();
    at(crd, "/metadata").put("name", "crontabs.other.com");
    at(crd, "/spec").put("scope", "Global");
    assertThat(CrdValidation.validate(crd).stream().map(FieldError::toString)).containsExactly(
        "metadata.name: Invalid value: \"crontabs.other.com\": must be spec.names.plural+\".\"+spec.group",
        "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"");
  }

  static Stream<Arguments> badCrds() {
    return Stream.of(
        Arguments.of("group without a dot", (Consumer<ObjectNode>) c -> {
          at(c, "/spec").put("group", "example");
          at(c, "/metadata").put("name", "crontabs.example");
        }, List.of("spec.group | FieldValueInvalid | should be a domain with at least one dot")),
        Arguments.of("group not a DNS subdomain", (Consumer<ObjectNode>) c -> {
          at(c, "/spec").put("group", "Example.com");
          at(c, "/metadata").put("name", "crontabs.Example.com");
        }, List.of(
            "metadata.name | FieldValueInvalid | a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.group | FieldValueInvalid | a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("missing name and scope", (Consumer<ObjectNode>) c -> {
          at(c, "/metadata").remove("name");
          at(c, "/spec").remove("scope");
        }, List.of("metadata.name | FieldValueRequired | name or generateName is required",
            "spec.scope | FieldValueRequired | ")),
        Arguments.of("namespaced CRD object", (Consumer<ObjectNode>) c -> at(c, "/metadata").put("namespace", "x"),
            List.of("metadata.namespace | FieldValueForbidden | not allowed on this type")),
        Arguments.of("two storage versions", (Consumer<ObjectNode>) c -> {
          ObjectNode v2 = ((ArrayNode) c.at("/spec/versions")).addObject();
          v2.put("name", "v2").put("served", true).put("storage", true);
          v2.set("schema", c.at("/spec/versions/0/schema").deepCopy());
        }, List.of("spec.versions | FieldValueInvalid | must have exactly one version marked as storage version")),
        Arguments.of("no versions", (Consumer<ObjectNode>) c -> at(c, "/spec").putArray("versions"),
            List.of("spec.versions | FieldValueInvalid | must have exactly one version marked as storage version")),
        Arguments.of("duplicate and invalid version names", (Consumer<ObjectNode>) c -> {
          ObjectNode v = ((ArrayNode) c.at("/spec/versions")).addObject();
          v.put("name", "v1").put("served", false).put("storage", false);
          v.set("schema", c.at("/spec/versions/0/schema").deepCopy());
          ObjectNode bad = ((ArrayNode) c.at("/spec/versions")).addObject();
          bad.put("name", "V2").put("served", false).put("storage", false);
          bad.set("schema", c.at("/spec/versions/0/schema").deepCopy());
        }, List.of(
            "spec.versions[2].name | FieldValueInvalid | a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.versions | FieldValueInvalid | must contain unique version names")),
        Arguments.of("missing schema", (Consumer<ObjectNode>) c -> at(c, "/spec/versions/0").remove("schema"),
            List.of("spec.versions[0].schema.openAPIV3Schema | FieldValueRequired | schemas are required")),
        Arguments.of("bad names", (Consumer<ObjectNode>) c -> {
          ObjectNode names = at(c, "/spec/names");
          names.put("plural", "CronTabs").put("listKind", "CronTab");
          names.putArray("shortNames").add("c t");
          names.putArray("categories").add("All");
          at(c, "/metadata").put("name", "CronTabs.stable.example.com");
        }, List.of(
            "metadata.name | FieldValueInvalid | a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.names.plural | FieldValueInvalid | a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.names.shortNames[0] | FieldValueInvalid | a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.names.listKind | FieldValueInvalid | kind and listKind may not be the same",
            "spec.names.categories[0] | FieldValueInvalid | a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("a field without a type", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties").putObject("foo"),
            List.of(SPEC + ".properties[foo].type | FieldValueRequired | must not be empty for specified object fields")),
        Arguments.of("array without items", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/tags").remove("items"),
            List.of(SPEC + ".properties[tags].items | FieldValueRequired | must be specified")),
        Arguments.of("properties and additionalProperties", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec").putObject("additionalProperties").put("type", "string"),
            List.of(SPEC + ".additionalProperties | FieldValueForbidden | additionalProperties and properties are mutual exclusive")),
        Arguments.of("metadata restricted", (Consumer<ObjectNode>) c -> {
          ObjectNode meta = at(c, "/spec/versions/0/schema/openAPIV3Schema/properties").putObject("metadata");
          meta.put("type", "object").putObject("properties").putObject("labels").put("type", "object");
        }, List.of(S + ".properties[metadata] | FieldValueForbidden | must not specify anything other than name and generateName, but metadata is implicitly specified")),
        Arguments.of("metadata name restriction is fine", (Consumer<ObjectNode>) c -> {
          ObjectNode meta = at(c, "/spec/versions/0/schema/openAPIV3Schema/properties").putObject("metadata");
          meta.put("type", "object").putObject("properties").putObject("name").put("type", "string").put("maxLength", 20);
        }, List.of()),
        Arguments.of("value validation with type", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/image")
                    .putArray("allOf").addObject().put("type", "string").put("description", "x"),
            List.of(SPEC + ".properties[image].allOf[0].description | FieldValueForbidden | must be empty to be structural",
                SPEC + ".properties[image].allOf[0].type | FieldValueForbidden | must be empty to be structural")),
        Arguments.of("value validation naming a field the structure lacks", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema").putArray("anyOf").addObject()
                    .putObject("properties").putObject("bogus").put("minLength", 1),
            // the status-subresource root check runs before the structural checks, as upstream
            List.of(S + " | FieldValueInvalid | only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled",
                S + ".properties[bogus] | FieldValueRequired | because it is defined in " + S + ".anyOf[0].properties[bogus]")),
        Arguments.of("unpruned default", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec")
                    .set("default", json("{\"cronSpec\":\"* * * * *\",\"image\":\"x\",\"bogus\":1}")),
            List.of(SPEC + ".default | FieldValueInvalid | must not have unknown fields")),
        Arguments.of("invalid default", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/replicas").put("default", 100),
            List.of(SPEC + ".properties[replicas].default | FieldValueInvalid |  in body should be less than or equal to 10")),
        Arguments.of("default in top-level metadata", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties").putObject("metadata")
                    .put("type", "object").putObject("default").put("name", "x"),
            List.of(S + ".properties[metadata].default | FieldValueForbidden | must not be set in top-level metadata")),
        Arguments.of("scale paths", (Consumer<ObjectNode>) c -> {
          ObjectNode scale = at(c, "/spec/versions/0/subresources/scale");
          scale.put("specReplicasPath", "spec.replicas").put("statusReplicasPath", ".spec.replicas")
              .put("labelSelectorPath", ".metadata.labels");
        }, List.of(
            "spec.versions[0].subresources.scale.specReplicasPath | FieldValueInvalid | must be a simple json path starting with .",
            "spec.versions[0].subresources.scale.statusReplicasPath | FieldValueInvalid | should be a json path under .status",
            "spec.versions[0].subresources.scale.labelSelectorPath | FieldValueInvalid | should be a json path under either .spec or .status")),
        Arguments.of("scale without paths", (Consumer<ObjectNode>) c -> at(c, "/spec/versions/0/subresources").putObject("scale"),
            List.of("spec.versions[0].subresources.scale.specReplicasPath | FieldValueRequired | ",
                "spec.versions[0].subresources.scale.statusReplicasPath | FieldValueRequired | ")),
        Arguments.of("printer columns", (Consumer<ObjectNode>) c -> {
          ObjectNode col = at(c, "/spec/versions/0/additionalPrinterColumns/0");
          col.put("type", "int").put("format", "hex").remove("jsonPath");
          at(c, "/spec/versions/0/additionalPrinterColumns/1").remove("name");
          at(c, "/spec/versions/0/additionalPrinterColumns/2").put("jsonPath", "status.x");
        }, List.of(
            "spec.versions[0].additionalPrinterColumns[0].type | FieldValueInvalid | must be one of boolean,date,integer,number,string",
            "spec.versions[0].additionalPrinterColumns[0].format | FieldValueInvalid | must be one of byte,date,date-time,double,float,int32,int64,password",
            "spec.versions[0].additionalPrinterColumns[0].JSONPath | FieldValueRequired | ",
            "spec.versions[0].additionalPrinterColumns[1].name | FieldValueRequired | ",
            "spec.versions[0].additionalPrinterColumns[2].JSONPath | FieldValueInvalid | must be a simple json path starting with .")),
        Arguments.of("conversion strategy", (Consumer<ObjectNode>) c -> at(c, "/spec/conversion").put("strategy", "Auto"),
            List.of("spec.conversion.strategy | FieldValueNotSupported | supported values: \"None\", \"Webhook\"")),
        Arguments.of("webhook conversion without config", (Consumer<ObjectNode>) c -> at(c, "/spec/conversion").put("strategy", "Webhook"),
            List.of("spec.conversion.webhookClientConfig | FieldValueRequired | required when strategy is set to Webhook",
                "spec.conversion.conversionReviewVersions | FieldValueRequired | ")),
        Arguments.of("webhook conversion done right", (Consumer<ObjectNode>) c ->
                at(c, "/spec").set("conversion", json("""
                    {"strategy":"Webhook","webhook":{"clientConfig":{"service":{"name":"conv","namespace":"ns","port":443}},
                     "conversionReviewVersions":["v1"]}}""")),
            List.of()),
        Arguments.of("webhook conversion with a bad URL and versions", (Consumer<ObjectNode>) c ->
                at(c, "/spec").set("conversion", json("""
                    {"strategy":"Webhook","webhook":{"clientConfig":{"url":"http://x/?a=b"},
                     "conversionReviewVersions":["v2","v2"]}}""")),
            List.of("spec.conversion.webhookClientConfig.url | FieldValueInvalid | 'https' is the only allowed URL scheme",
                "spec.conversion.webhookClientConfig.url | FieldValueInvalid | query parameters are not permitted in the URL",
                "spec.conversion.conversionReviewVersions[1] | FieldValueInvalid | duplicate version",
                "spec.conversion.conversionReviewVersions | FieldValueInvalid | must include at least one of v1, v1beta1")),
        Arguments.of("webhook settings with strategy None", (Consumer<ObjectNode>) c ->
                at(c, "/spec").set("conversion", json("""
                    {"strategy":"None","webhook":{"clientConfig":{"url":"https://x"},"conversionReviewVersions":["v1"]}}""")),
            List.of("spec.conversion.webhookClientConfig | FieldValueForbidden | should not be set when strategy is not set to Webhook",
                "spec.conversion.conversionReviewVersions | FieldValueForbidden | should not be set when strategy is not set to Webhook")),
        Arguments.of("list-type map rules", (Consumer<ObjectNode>) c -> {
          ObjectNode ports = at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/ports");
          ((ObjectNode) ports.at("/items/properties/protocol")).remove("default");
          ((ObjectNode) ports.at("/items/properties/name")).put("nullable", true);
          ports.putArray("x-kubernetes-list-map-keys").add("containerPort").add("protocol").add("name").add("nope");
        }, List.of(
            SPEC + ".properties[ports].x-kubernetes-list-map-keys | FieldValueInvalid | entries must all be names of item properties",
            SPEC + ".properties[ports].items.properties[protocol].default | FieldValueRequired | this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            SPEC + ".properties[ports].items.properties[name].default | FieldValueRequired | this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            SPEC + ".properties[ports].items.properties[name].nullable | FieldValueForbidden | this property is in x-kubernetes-list-map-keys, so it cannot be nullable")),
        Arguments.of("list-type on a non-array and bad values", (Consumer<ObjectNode>) c -> {
          at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/image").put("x-kubernetes-list-type", "bag");
          at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/labels").put("x-kubernetes-map-type", "sparse");
        }, List.of(
            SPEC + ".properties[image].type | FieldValueInvalid | must be array if x-kubernetes-list-type is specified",
            SPEC + ".properties[image].x-kubernetes-list-type | FieldValueNotSupported | supported values: \"atomic\", \"set\", \"map\"",
            SPEC + ".properties[labels].x-kubernetes-map-type | FieldValueNotSupported | supported values: \"atomic\", \"granular\"")),
        Arguments.of("uniqueItems, nullable root and a bad pattern", (Consumer<ObjectNode>) c -> {
          at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/tags").put("uniqueItems", true);
          at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/image").put("pattern", "(");
          at(c, "/spec/versions/0/subresources").remove("status");
          at(c, "/spec/versions/0/schema/openAPIV3Schema").put("nullable", true);
        }, List.of(
            S + ".nullable | FieldValueForbidden | nullable cannot be true at the root",
            SPEC + ".properties[image].pattern | FieldValueInvalid | must be a valid regular expression, but isn't: Unclosed group",
            SPEC + ".properties[tags].uniqueItems | FieldValueForbidden | uniqueItems cannot be set to true since the runtime complexity becomes quadratic")),
        Arguments.of("status subresource needs an object root", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema").put("type", "array").putObject("items").put("type", "string"),
            List.of(S + ".type | FieldValueInvalid | only \"object\" is allowed as the type at the root of the schema if the status subresource is enabled",
                S + ".type | FieldValueInvalid | must be object at the root")),
        Arguments.of("embedded resource without properties", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/template").remove("x-kubernetes-preserve-unknown-fields"),
            List.of(SPEC + ".properties[template].properties | FieldValueRequired | must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields")),
        Arguments.of("preserve-unknown-fields false", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/config").put("x-kubernetes-preserve-unknown-fields", false),
            List.of(SPEC + ".properties[config].x-kubernetes-preserve-unknown-fields | FieldValueInvalid | must be true or undefined")),
        Arguments.of("unsupported JSON schema features", (Consumer<ObjectNode>) c -> {
          ObjectNode image = at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/image");
          image.put("$ref", "#/definitions/x").put("id", "img").put("type", "str");
        }, List.of(
            SPEC + ".properties[image].type | FieldValueNotSupported | supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"",
            SPEC + ".properties[image].id | FieldValueForbidden | id is not supported",
            SPEC + ".properties[image].$ref | FieldValueForbidden | $ref is not supported")),
        Arguments.of("CEL rule shapes", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/window").set("x-kubernetes-validations",
                    json("[{\"rule\":\" \"},{\"rule\":\"a\\n&& b\"},{\"rule\":\"x\",\"reason\":\"Nope\"}]")),
            List.of(SPEC + ".properties[window].x-kubernetes-validations[0].rule | FieldValueRequired | rule is not specified",
                SPEC + ".properties[window].x-kubernetes-validations[1].message | FieldValueRequired | message must be specified if rule contains line breaks",
                SPEC + ".properties[window].x-kubernetes-validations[2].reason | FieldValueNotSupported | supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"")),
        Arguments.of("protected group without approval", (Consumer<ObjectNode>) c -> {
          at(c, "/spec").put("group", "stable.k8s.io");
          at(c, "/metadata").put("name", "crontabs.stable.k8s.io");
        }, List.of("metadata.annotations[api-approved.kubernetes.io] | FieldValueRequired | protected groups must have approval annotation \"api-approved.kubernetes.io\", see https://github.com/kubernetes/enhancements/pull/1111")),
        Arguments.of("protected group with approval", (Consumer<ObjectNode>) c -> {
          at(c, "/spec").put("group", "stable.k8s.io");
          at(c, "/metadata").put("name", "crontabs.stable.k8s.io")
              .putObject("annotations").put("api-approved.kubernetes.io", "https://github.com/kubernetes/kubernetes/pull/1");
        }, List.of()),
        Arguments.of("preserveUnknownFields true", (Consumer<ObjectNode>) c -> at(c, "/spec").put("preserveUnknownFields", true),
            List.of("spec.preserveUnknownFields | FieldValueInvalid | must be false in order to use defaults in the schema",
                "spec.preserveUnknownFields | FieldValueInvalid | cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead")),
        Arguments.of("deprecation warning on a current version", (Consumer<ObjectNode>) c ->
                at(c, "/spec/versions/0").put("deprecationWarning", "old"),
            List.of("spec.versions[0].deprecationWarning | FieldValueInvalid | can only be set for deprecated versions")),
        Arguments.of("selectable fields", (Consumer<ObjectNode>) c -> {
          ArrayNode f = at(c, "/spec/versions/0").putArray("selectableFields");
          f.addObject().put("jsonPath", ".spec.image");
          f.addObject().put("jsonPath", ".spec.image");
          f.addObject().put("jsonPath", ".spec.ports");
          f.addObject().put("jsonPath", ".spec.nothing");
          f.addObject();
        }, List.of(
            "spec.versions[0].selectableFields[1].jsonPath | FieldValueDuplicate | ",
            "spec.versions[0].selectableFields[2].jsonPath | FieldValueInvalid | must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.",
            "spec.versions[0].selectableFields[3].jsonPath | FieldValueInvalid | is an invalid path: does not refer to a valid field",
            "spec.versions[0].selectableFields[4].jsonPath | FieldValueRequired | ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCrds")
  void refusesBadCrds(String name, Consumer<ObjectNode> edit, List<String> expected) {
    assertThat(errors(edit)).containsExactlyElementsOf(expected);
  }

  @Test
  void updatesKeepGroupAndPluralAndOnceEstablishedScopeAndKind() {
    ObjectNode old = CrdFixtures.cronTab();
    ObjectNode changed = old.deepCopy();
    at(changed, "/spec").put("scope", "Cluster");
    at(changed, "/spec/names").put("kind", "Cron").put("listKind", "CronList");
    assertThat(CrdValidation.validateUpdate(changed, old)).isEmpty();

    at(old, "/status").putArray("conditions").addObject().put("type", "Established").put("status", "True");
    assertThat(CrdValidation.validateUpdate(changed, old).stream().map(FieldError::toString))
        .containsExactly("spec.scope: Invalid value: \"Cluster\": field is immutable",
            "spec.names.kind: Invalid value: \"Cron\": field is immutable");

    ObjectNode regrouped = CrdFixtures.cronTab();
    at(regrouped, "/spec").put("group", "beta.example.com");
    at(regrouped, "/spec/names").put("plural", "tabs");
    at(regrouped, "/metadata").put("name", "tabs.beta.example.com");
    assertThat(CrdValidation.validateUpdate(regrouped, CrdFixtures.cronTab()).stream().map(FieldError::toString))
        .containsExactly("spec.group: Invalid value: \"beta.example.com\": field is immutable",
            "spec.names.plural: Invalid value: \"tabs\": field is immutable");
  }

  @Test
  void updatesDoNotTightenWhatWasAlreadyStored() {
    ObjectNode old = CrdFixtures.cronTab();
    at(old, "/spec/versions/0").remove("schema");
    at(old, "/spec").put("preserveUnknownFields", true);
    ObjectNode next = old.deepCopy();
    at(next, "/spec/versions/0").put("served", false);
    assertThat(CrdValidation.validateUpdate(next, old)).isEmpty();
    assertThat(CrdValidation.validate(next)).extracting(FieldError::field)
        .contains("spec.versions[0].schema.openAPIV3Schema", "spec.preserveUnknownFields");
  }
}
