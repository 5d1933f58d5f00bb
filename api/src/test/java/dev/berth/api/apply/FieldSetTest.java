package dev.berth.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSetTest {

  private static FieldSet set(String json) {
    return FieldSet.fromJsonString(json.replace('\'', '"'));
  }

  private static String q(String json) {
    return json.replace('\'', '"');
  }

  // ---- path elements ---------------------------------------------------------------------------

  static Stream<Arguments> elements() {
    Map<String, com.fasterxml.jackson.databind.JsonNode> ports = new LinkedHashMap<>();
    ports.put("protocol", TextNode.valueOf("TCP"));
    ports.put("containerPort", IntNode.valueOf(80));
    return Stream.of(
        Arguments.of(PathElement.field("replicas"), "f:replicas", ".replicas"),
        Arguments.of(PathElement.field("app.kubernetes.io/name"), "f:app.kubernetes.io/name",
            ".app.kubernetes.io/name"),
        Arguments.of(PathElement.key(Map.of("name", TextNode.valueOf("nginx"))),
            q("k:{'name':'nginx'}"), q("[name='nginx']")),
        // Key fields are sorted by name, whatever order the schema lists them in.
        Arguments.of(PathElement.key(ports), q("k:{'containerPort':80,'protocol':'TCP'}"),
            q("[containerPort=80,protocol='TCP']")),
        Arguments.of(PathElement.value(TextNode.valueOf("example.com/guard")), q("v:'example.com/guard'"),
            q("[='example.com/guard']")),
        // Go decodes JSON numbers to float64: 5.0 is the set value 5.
        Arguments.of(PathElement.value(DoubleNode.valueOf(5.0)), "v:5", "[=5]"),
        Arguments.of(PathElement.value(DoubleNode.valueOf(1.5)), "v:1.5", "[=1.5]"),
        Arguments.of(PathElement.index(3), "i:3", "[3]"),
        // Go's encoder escapes <, > and & inside the key's JSON; %q quotes for humans.
        Arguments.of(PathElement.key(Map.of("name", TextNode.valueOf("a<b&c\"d"))),
            "k:{\"name\":\"a\\u003cb\\u0026c\\\"d\"}", "[name=\"a<b&c\\\"d\"]"));
  }

  @ParameterizedTest
  @MethodSource("elements")
  void pathElementForms(PathElement pe, String key, String human) {
    assertThat(pe.toKeyString()).isEqualTo(key);
    assertThat(pe.toString()).isEqualTo(human);
    assertThat(PathElement.parse(key)).isEqualTo(pe);
    assertThat(PathElement.parse(key).hashCode()).isEqualTo(pe.hashCode());
  }

  @Test
  void pathElementsOrderFieldsThenKeysThenValuesThenIndexes() {
    List<PathElement> mixed = new ArrayList<>(List.of(
        PathElement.index(0),
        PathElement.value(TextNode.valueOf("a")),
        PathElement.value(IntNode.valueOf(2)),
        PathElement.key(Map.of("name", TextNode.valueOf("b"))),
        PathElement.key(Map.of("name", TextNode.valueOf("a"))),
        PathElement.field("z"),
        PathElement.field("B"),
        PathElement.value(com.fasterxml.jackson.databind.node.BooleanNode.TRUE)));
    mixed.sort(null);
    assertThat(mixed).extracting(PathElement::toKeyString).containsExactly(
        "f:B", "f:z", q("k:{'name':'a'}"), q("k:{'name':'b'}"), "v:2", q("v:'a'"), "v:true", "i:0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"f", "x", "fx", "k:{'name'", "k:[1]", "v:", "i:one"})
  void malformedKeysAreRejected(String key) {
    assertThatThrownBy(() -> PathElement.parse(q(key))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownKeyKindsAreDropped() {
    assertThat(PathElement.parse("r:whatever")).isNull();
    assertThat(set("{'f:a':{},'r:b':{},'f:c':{'r:d':{}}}").toJsonString())
        .isEqualTo(q("{'f:a':{},'f:c':{}}"));
  }

  // ---- FieldsV1 --------------------------------------------------------------------------------

  /** FieldsV1 as kube-apiserver writes it: these must survive a round trip byte for byte. */
  static Stream<String> canonicalFieldsV1() {
    return Stream.of(
        "{}",
        "{'f:metadata':{'f:labels':{'f:app':{}}}}",
        // kubectl create deployment (Update): '.' first, then children in order.
        "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:progressDeadlineSeconds':{},"
            + "'f:replicas':{},'f:revisionHistoryLimit':{},'f:selector':{},'f:strategy':{'f:rollingUpdate':"
            + "{'.':{},'f:maxSurge':{},'f:maxUnavailable':{}},'f:type':{}},'f:template':{'f:metadata':"
            + "{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':"
            + "{'.':{},'f:image':{},'f:imagePullPolicy':{},'f:name':{},'f:resources':{},"
            + "'f:terminationMessagePath':{},'f:terminationMessagePolicy':{}}},'f:dnsPolicy':{},"
            + "'f:restartPolicy':{},'f:schedulerName':{},'f:securityContext':{},"
            + "'f:terminationGracePeriodSeconds':{}}}}}",
        // kubelet status: keyed conditions, set-like podIPs
        "{'f:status':{'f:conditions':{'k:{\\'type\\':\\'ContainersReady\\'}':{'.':{},"
            + "'f:lastProbeTime':{},'f:lastTransitionTime':{},'f:status':{},'f:type':{}},"
            + "'k:{\\'type\\':\\'Ready\\'}':{'.':{},'f:lastProbeTime':{},'f:lastTransitionTime':{},"
            + "'f:status':{},'f:type':{}}},'f:containerStatuses':{},'f:hostIP':{},'f:phase':{},"
            + "'f:podIP':{},'f:podIPs':{'.':{},'k:{\\'ip\\':\\'10.0.0.5\\'}':{'.':{},'f:ip':{}}},"
            + "'f:startTime':{}}}",
        // multi-field keys, set values of every kind, indexes
        "{'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}},"
            + "'k:{\\'containerPort\\':443,\\'protocol\\':\\'UDP\\'}':{}},'f:set':{'v:-1':{},'v:2.5':{},"
            + "'v:\\'a\\'':{},'v:false':{},'v:true':{}},'f:tuple':{'i:0':{},'i:10':{}}}",
        // escaping: quotes inside keys, HTML characters, non-ASCII
        "{'f:data':{'f:a.b':{},'f:caf\u00e9':{}},'f:items':{'k:{\\'name\\':\\'x\\\\u003cy\\'}':{}}}");
  }

  @ParameterizedTest
  @MethodSource("canonicalFieldsV1")
  void fieldsV1RoundTripsByteForByte(String json) {
    String canonical = q(json);
    FieldSet s = FieldSet.fromJsonString(canonical);
    assertThat(s.toJsonString()).isEqualTo(canonical);
    assertThat(FieldSet.fromJson(s.toJson())).isEqualTo(s);
    assertThat(s.toJson().toString()).isEqualTo(TestSchemas.json(json).toString());
  }

  static Stream<Arguments> nonCanonicalFieldsV1() {
    return Stream.of(
        // members and children interleave in order; '.' goes first
        Arguments.of("{'f:b':{'f:x':{},'.':{}},'f:a':{}}", "{'f:a':{},'f:b':{'.':{},'f:x':{}}}"),
        // key fields in any order, numbers written as floats
        Arguments.of("{'k:{\\'protocol\\':\\'TCP\\',\\'containerPort\\':80.0}':{}}",
            "{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{}}"),
        // a lone '.' is a member; null is a member
        Arguments.of("{'f:a':{'.':{}},'f:b':null}", "{'f:a':{},'f:b':{}}"),
        // two spellings of one key merge
        Arguments.of("{'v:1':{'f:x':{}},'v:1.0':{}}", "{'v:1':{'.':{},'f:x':{}}}"),
        // keys only need escaping the Go way on the way out
        Arguments.of("{'k:{\\'name\\':\\'a<b\\'}':{}}", "{'k:{\\'name\\':\\'a\\\\u003cb\\'}':{}}"));
  }

  @ParameterizedTest
  @MethodSource("nonCanonicalFieldsV1")
  void fieldsV1IsWrittenCanonically(String in, String out) {
    assertThat(set(in).toJsonString()).isEqualTo(q(out));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "'f:a'", "{'f:a':[]}", "{'f:a':1}", "{'k:{':{}}", "{'x':{}}", "{"})
  void invalidFieldsV1IsRejected(String json) {
    assertThatThrownBy(() -> set(json)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- set operations --------------------------------------------------------------------------

  static Stream<Arguments> operations() {
    return Stream.of(
        // op, a, b, result
        Arguments.of("union", "{'f:a':{'f:x':{}}}", "{'f:a':{},'f:b':{}}", "{'f:a':{'.':{},'f:x':{}},'f:b':{}}"),
        Arguments.of("union", "{}", "{'f:a':{}}", "{'f:a':{}}"),
        Arguments.of("intersection", "{'f:a':{'f:x':{},'f:y':{}},'f:b':{}}", "{'f:a':{'f:x':{}}}",
            "{'f:a':{'f:x':{}}}"),
        Arguments.of("intersection", "{'f:a':{'.':{},'f:x':{}}}", "{'f:a':{'f:y':{}}}", "{}"),
        Arguments.of("intersection", "{'f:a':{'.':{},'f:x':{}}}", "{'f:a':{}}", "{'f:a':{}}"),
        // a member in b removes only the member, not what lies below it
        Arguments.of("difference", "{'f:a':{'.':{},'f:x':{}}}", "{'f:a':{}}", "{'f:a':{'f:x':{}}}"),
        Arguments.of("difference", "{'f:a':{'f:x':{}},'f:b':{}}", "{'f:a':{'f:x':{}}}", "{'f:b':{}}"),
        Arguments.of("difference", "{'f:a':{}}", "{'f:a':{'f:x':{}}}", "{'f:a':{}}"),
        // recursive difference removes the subtree of a member
        Arguments.of("recursiveDifference", "{'f:a':{'.':{},'f:x':{}},'f:b':{}}", "{'f:a':{}}", "{'f:b':{}}"),
        Arguments.of("recursiveDifference", "{'f:a':{'f:x':{'f:y':{}},'f:z':{}}}", "{'f:a':{'f:x':{}}}",
            "{'f:a':{'f:z':{}}}"),
        Arguments.of("recursiveDifference", "{'f:a':{'f:x':{}}}", "{'f:b':{}}", "{'f:a':{'f:x':{}}}"));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void setOperations(String op, String a, String b, String expected) {
    FieldSet x = set(a);
    FieldSet y = set(b);
    FieldSet result = switch (op) {
      case "union" -> x.union(y);
      case "intersection" -> x.intersection(y);
      case "difference" -> x.difference(y);
      default -> x.recursiveDifference(y);
    };
    assertThat(result.toJsonString()).isEqualTo(q(expected));
    if (op.equals("union") || op.equals("intersection")) {
      FieldSet swapped = op.equals("union") ? y.union(x) : y.intersection(x);
      assertThat(swapped).isEqualTo(result);
    }
  }

  @Test
  void unchangedResultsAreTheSameInstance() {
    FieldSet a = set("{'f:spec':{'f:replicas':{}}}");
    assertThat(a.difference(set("{'f:status':{}}"))).isSameAs(a);
    assertThat(a.union(FieldSet.empty())).isSameAs(a);
    assertThat(a.union(set("{'f:spec':{'f:replicas':{}}}"))).isSameAs(a);
    assertThat(a.recursiveDifference(set("{'f:spec':{'f:x':{}}}"))).isSameAs(a);
    assertThat(a.intersection(set("{'f:spec':{'f:replicas':{}},'f:x':{}}"))).isSameAs(a);
  }

  @Test
  void pathsAreListedMembersFirstThenChildrenInOrder() {
    FieldSet s = set("{'f:spec':{'f:replicas':{},'f:template':{'f:spec':{'f:containers':"
        + "{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{}}}}}},'f:metadata':{'f:finalizers':"
        + "{'v:\\'x\\'':{}}},'f:apiVersion':{}}");
    assertThat(s.pathStrings()).containsExactly(
        ".apiVersion",
        ".metadata.finalizers[=\"x\"]",
        ".spec.replicas",
        ".spec.template.spec.containers[name=\"nginx\"]",
        ".spec.template.spec.containers[name=\"nginx\"].image");
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.toString()).isEqualTo(String.join("\n", s.pathStrings()));
  }

  @Test
  void membershipAndNavigation() {
    FieldSet s = set("{'f:spec':{'f:replicas':{},'f:template':{'.':{},'f:x':{}}}}");
    assertThat(s.contains(FieldPath.fields("spec", "replicas"))).isTrue();
    assertThat(s.contains(FieldPath.fields("spec"))).isFalse();
    assertThat(s.contains(FieldPath.fields("spec", "template"))).isTrue();
    assertThat(s.contains(FieldPath.fields("spec", "template", "x", "y"))).isFalse();
    assertThat(s.contains(FieldPath.fields("status"))).isFalse();
    assertThat(s.withPrefix(PathElement.field("spec")).toJsonString())
        .isEqualTo(q("{'f:replicas':{},'f:template':{'.':{},'f:x':{}}}"));
    assertThat(s.leaves().toJsonString()).isEqualTo(q("{'f:spec':{'f:replicas':{},'f:template':{'f:x':{}}}}"));
    assertThat(FieldSet.empty().isEmpty()).isTrue();
    assertThat(s.isEmpty()).isFalse();
  }

  @Test
  void buildingFromPaths() {
    FieldSet s = FieldSet.of(
        FieldPath.fields("spec", "replicas"),
        FieldPath.fields("spec"),
        FieldPath.of(PathElement.field("spec"), PathElement.field("containers"),
            PathElement.key(Map.of("name", TextNode.valueOf("c"))), PathElement.field("image")));
    assertThat(s.toJsonString()).isEqualTo(
        q("{'f:spec':{'.':{},'f:containers':{'k:{\\'name\\':\\'c\\'}':{'f:image':{}}},'f:replicas':{}}}"));
    assertThat(s.paths()).hasSize(3);
  }
}
