package dev.berth.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectMetaValidationTest {

  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> create(String meta, Scope scope, NameRule rule) {
    FieldErrorList errs = new FieldErrorList();
    ObjectMetaValidation.validateCreate(json(meta), scope, rule, true, errs);
    return errs.toList().stream().map(FieldError::toString).toList();
  }

  private static List<String> update(String meta, String old) {
    FieldErrorList errs = new FieldErrorList();
    ObjectMetaValidation.validateUpdate(json(meta), json(old), true, errs);
    return errs.toList().stream().map(FieldError::toString).toList();
  }

  @Test
  void validMetadataHasNoErrors() {
    assertThat(create("{'name':'web-1','namespace':'default','labels':{'app':'web','example.com/tier':''},"
        + "'annotations':{'Example.com/Note':'x'},'finalizers':['example.com/cleanup','kubernetes']}",
        Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN)).isEmpty();
  }

  @Test
  void nameIsRequiredUnlessGenerated() {
    assertThat(create("{'namespace':'default'}", Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN))
        .containsExactly("metadata.name: Required value: name or generateName is required");
    assertThat(create("{'generateName':'web-','namespace':'default'}", Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN))
        .isEmpty();
    assertThat(create("{'generateName':'Web-','namespace':'default'}", Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN))
        .singleElement().asString().startsWith("metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "My_Name|DNS_SUBDOMAIN|metadata.name: Invalid value: \"My_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "a.b|DNS_LABEL|metadata.name: Invalid value: \"a.b\": must not contain dots",
      "1svc|DNS1035_LABEL|metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      "a/b|PATH_SEGMENT|metadata.name: Invalid value: \"a/b\": may not contain '/'",
  })
  void nameRulesPerKind(String name, String rule, String expected) throws Exception {
    NameRule r = (NameRule) NameRule.class.getField(rule).get(null);
    assertThat(create("{'name':'" + name + "'}", Scope.CLUSTER, r)).containsExactly(expected);
  }

  @Test
  void namespaceRules() {
    assertThat(create("{'name':'x'}", Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN))
        .containsExactly("metadata.namespace: Required value");
    assertThat(create("{'name':'x','namespace':'a.b'}", Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN))
        .containsExactly("metadata.namespace: Invalid value: \"a.b\": must not contain dots");
    assertThat(create("{'name':'x','namespace':'default'}", Scope.CLUSTER, NameRule.DNS_SUBDOMAIN))
        .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    assertThat(create("{'name':'x'}", Scope.UNKNOWN, NameRule.DNS_SUBDOMAIN)).isEmpty();
  }

  @Test
  void labelKeysAndValuesAreReportedOnTheLabelsPath() {
    assertThat(create("{'name':'x','labels':{'Bad_Prefix/k':'v','ok':'-bad'}}", Scope.CLUSTER, NameRule.DNS_SUBDOMAIN))
        .containsExactly(
            "metadata.labels: Invalid value: \"Bad_Prefix/k\": prefix part a lowercase RFC 1123 subdomain must "
                + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                + "alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }

  @Test
  void annotationsAreLimitedTo256KiBInTotal() {
    ObjectNode meta = M.createObjectNode().put("name", "x");
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("a", "x".repeat(128 * 1024));
    annotations.put("b", "x".repeat(128 * 1024 - 2));
    FieldErrorList ok = new FieldErrorList();
    ObjectMetaValidation.validateCreate(meta, Scope.CLUSTER, NameRule.DNS_SUBDOMAIN, true, ok);
    assertThat(ok.toList()).isEmpty();
    annotations.put("b", "x".repeat(128 * 1024 - 1));
    FieldErrorList tooBig = new FieldErrorList();
    ObjectMetaValidation.validateCreate(meta, Scope.CLUSTER, NameRule.DNS_SUBDOMAIN, true, tooBig);
    assertThat(tooBig.toList()).extracting(FieldError::toString)
        .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
  }

  @Test
  void finalizers() {
    assertThat(create("{'name':'x','finalizers':['custom','example.com/ok','orphan','foregroundDeletion']}",
        Scope.CLUSTER, NameRule.DNS_SUBDOMAIN)).containsExactly(
        "metadata.finalizers: Invalid value: [\"custom\",\"example.com/ok\",\"orphan\",\"foregroundDeletion\"]: "
            + "finalizer orphan and foregroundDeletion cannot be both set",
        "metadata.finalizers[0]: Invalid value: \"custom\": name is neither a standard finalizer name nor is it "
            + "fully qualified");
  }

  @Test
  void ownerReferences() {
    assertThat(create("{'name':'x','ownerReferences':[{'apiVersion':'apps/','kind':'','name':'','uid':''},"
        + "{'apiVersion':'v1','kind':'Event','name':'e','uid':'1'}]}", Scope.CLUSTER, NameRule.DNS_SUBDOMAIN))
        .containsExactly(
            "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
            "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty",
            "metadata.ownerReferences: Invalid value: {\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\","
                + "\"uid\":\"1\"}: /v1, Kind=Event is disallowed from being an owner");
    assertThat(create("{'name':'x','ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'a',"
        + "'uid':'1','controller':true},{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'b','uid':'2',"
        + "'controller':true}]}", Scope.CLUSTER, NameRule.DNS_SUBDOMAIN))
        .singleElement().asString().endsWith("Only one reference can have Controller set to true. Found \"true\" in "
            + "references for ReplicaSet/a and ReplicaSet/b");
  }

  @Test
  void identityFieldsAreImmutable() {
    String old = "{'name':'x','namespace':'a','uid':'1','creationTimestamp':'2024-01-01T00:00:00Z','generation':3}";
    assertThat(update(old, old)).isEmpty();
    assertThat(update("{'name':'y','namespace':'b','uid':'2','creationTimestamp':'2024-01-02T00:00:00Z',"
        + "'generation':2}", old)).containsExactly(
        "metadata.generation: Invalid value: 2: must not be decremented",
        "metadata.name: Invalid value: \"y\": field is immutable",
        "metadata.namespace: Invalid value: \"b\": field is immutable",
        "metadata.uid: Invalid value: \"2\": field is immutable",
        "metadata.creationTimestamp: Invalid value: \"2024-01-02T00:00:00Z\": field is immutable");
  }

  @Test
  void noNewFinalizersWhileDeleting() {
    String old = "{'name':'x','deletionTimestamp':'2024-01-01T00:00:00Z','finalizers':['a.io/x']}";
    assertThat(update("{'name':'x','deletionTimestamp':'2024-01-01T00:00:00Z','finalizers':[]}", old)).isEmpty();
    assertThat(update("{'name':'x','deletionTimestamp':'2024-01-01T00:00:00Z','finalizers':['a.io/x','b.io/y']}",
        old)).containsExactly("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being "
        + "deleted, found new finalizers []string{\"b.io/y\"}");
  }

  @Test
  void managedFieldsOperation() {
    assertThat(create("{'name':'x','managedFields':[{'manager':'kubectl','operation':'Patch','fieldsType':'FieldsV2'}]}",
        Scope.CLUSTER, NameRule.DNS_SUBDOMAIN)).containsExactly(
        "metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or `Update`",
        "metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`");
  }

  @Test
  void labelSelectorsMatch() {
    JsonNode selector = json("{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'In',"
        + "'values':['a','b']},{'key':'legacy','operator':'DoesNotExist'}]}");
    assertThat(LabelSelectors.matches(selector, json("{'app':'web','tier':'b'}"))).isTrue();
    assertThat(LabelSelectors.matches(selector, json("{'app':'web','tier':'c'}"))).isFalse();
    assertThat(LabelSelectors.matches(selector, json("{'app':'web','tier':'a','legacy':''}"))).isFalse();
    assertThat(LabelSelectors.matches(json("{}"), json("{'x':'y'}"))).isTrue();
    FieldErrorList errs = new FieldErrorList();
    LabelSelectors.validate(json("{'matchExpressions':[{'key':'k','operator':'In'},{'key':'k','operator':'Exists',"
        + "'values':['x']},{'key':'k','operator':'Near'}]}"), FieldPath.of("spec", "selector"), errs);
    assertThat(errs.toList()).extracting(FieldError::toString).containsExactly(
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or "
            + "'DoesNotExist'",
        "spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator");
  }
}
