package dev.berth.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.selector.LabelSelector.Operator;
import dev.berth.api.selector.LabelSelector.Requirement;
import dev.berth.api.status.ApiException;
import dev.berth.api.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  static final String KEY_NAME_RULE = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
      + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
      + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  static final String VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
      + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Input and its canonical form (upstream String()): requirements sorted by key, set values sorted. */
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                                  | ``
      `   `                               | ``
      x=a                                 | x=a
      y=b,x=a                             | x=a,y=b
      x==a                                | x==a
      x!=a                                | x!=a
      x in (b,a)                          | x in (a,b)
      x in (a,a,b)                        | x in (a,b)
      x notin (a)                         | x notin (a)
      x in (a,,b)                         | x in (,a,b)
      x in ()                             | x in ()
      x in (,)                            | x in ()
      x in (a,)                           | x in (,a)
      x                                   | x
      !x                                  | !x
      x>1                                 | x>1
      x<10                                | x<10
      x=                                  | x=
      x=,y=b                              | x=,y=b
      `  x = a , y  `                     | x=a,y
      `x\tin\t(a)`                        | x in (a)
      x in(a)                             | x in (a)
      app in (web,x),!foo                 | app in (web,x),!foo
      example.com/tier-1=front_end.v2     | example.com/tier-1=front_end.v2
      in=notin                            | in=notin
      x in (in,notin)                     | x in (in,notin)
      x=a,x=b                             | x=a,x=b
      """)
  void parsesToCanonicalForm(String input, String canonical) {
    String unescaped = input.replace("\\t", "\t");
    LabelSelector selector = LabelSelector.parse(unescaped);
    assertThat(selector.toString()).isEqualTo(canonical);
    // the canonical form parses back to the same selector
    assertThat(LabelSelector.parse(canonical)).isEqualTo(selector);
  }

  @Test
  void aNulCharacterEndsTheInputAsUpstream() {
    assertThat(LabelSelector.parse("x=a\u0000garbage !!").toString()).isEqualTo("x=a");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("x=a b", "found 'b', expected: ',' or 'end of string'"),
        Arguments.of("x=a,", "found '', expected: identifier after ','"),
        Arguments.of("x=a,,y", "found ',', expected: identifier after ','"),
        Arguments.of(",x", "found ',', expected: !, identifier, or 'end of string'"),
        Arguments.of("=a", "found '=', expected: !, identifier, or 'end of string'"),
        Arguments.of("x=a=b", "found '=', expected: ',' or 'end of string'"),
        Arguments.of("!x=a", "found '=', expected: ',' or 'end of string'"),
        Arguments.of("x in a", "unable to parse requirement: found 'a' expected: '('"),
        Arguments.of("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
        Arguments.of("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
        Arguments.of("x in ((", "unable to parse requirement: found '(', expected: ',', ')' or identifier"),
        Arguments.of("x in (a,(", "unable to parse requirement: found '(', expected: ',', or identifier"),
        Arguments.of("x==(", "unable to parse requirement: found '(', expected: identifier"),
        Arguments.of("x (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
        Arguments.of("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"),
        Arguments.of("x>=1", "unable to parse requirement: found '=', expected: identifier"),
        Arguments.of("!", "unable to parse requirement: found '', expected: identifier"),
        Arguments.of("!!x", "unable to parse requirement: found '!', expected: identifier"),
        Arguments.of("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": "
            + "for 'Gt', 'Lt' operators, the value must be an integer"),
        Arguments.of("component+kube-apiserver,tier", "unable to parse requirement: <nil>: Invalid value: "
            + "\"component+kube-apiserver\": " + KEY_NAME_RULE),
        Arguments.of("-x=a", "unable to parse requirement: <nil>: Invalid value: \"-x\": " + KEY_NAME_RULE),
        Arguments.of("x=-a", "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + VALUE_RULE),
        Arguments.of("x<-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + VALUE_RULE),
        Arguments.of("x in (-b,-a)", "unable to parse requirement: [values[0][x]: Invalid value: \"-a\": "
            + VALUE_RULE + ", values[1][x]: Invalid value: \"-b\": " + VALUE_RULE + "]"),
        Arguments.of("x=" + "v".repeat(64), "unable to parse requirement: values[0][x]: Invalid value: \""
            + "v".repeat(64) + "\": must be no more than 63 bytes"),
        Arguments.of("k".repeat(64), "unable to parse requirement: <nil>: Invalid value: \"" + "k".repeat(64)
            + "\": name part must be no more than 63 bytes"),
        Arguments.of("Example.com/x", "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": "
            + "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        Arguments.of("/x", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be "
            + "non-empty"),
        Arguments.of("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be "
            + "non-empty; " + KEY_NAME_RULE),
        Arguments.of("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key "
            + "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
            + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation "
            + "is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
            + "(e.g. 'example.com/MyName')"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("malformed")
  void malformedSelectorsAreRefusedWithUpstreamMessages(String input, String message) {
    LabelSelector.ParseResult result = LabelSelector.tryParse(input);
    assertThat(result.ok()).isFalse();
    assertThat(result.error()).isEqualTo(message);
    assertThatThrownBy(() -> LabelSelector.parse(input))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of("x=a", Map.of("x", "a"), true),
        Arguments.of("x=a", Map.of("x", "b"), false),
        Arguments.of("x=a", Map.of(), false),
        Arguments.of("x==a", Map.of("x", "a"), true),
        Arguments.of("x=", Map.of("x", ""), true),
        Arguments.of("x=", Map.of(), false),
        Arguments.of("x!=a", Map.of(), true),
        Arguments.of("x!=a", Map.of("x", "a"), false),
        Arguments.of("x!=a", Map.of("x", "b"), true),
        Arguments.of("x in (a,b)", Map.of("x", "b"), true),
        Arguments.of("x in (a,b)", Map.of("x", "c"), false),
        Arguments.of("x in (a,b)", Map.of(), false),
        Arguments.of("x in ()", Map.of("x", ""), true),
        Arguments.of("x notin (a,b)", Map.of(), true),
        Arguments.of("x notin (a,b)", Map.of("x", "a"), false),
        Arguments.of("x notin (a,b)", Map.of("x", "c"), true),
        Arguments.of("x", Map.of("x", ""), true),
        Arguments.of("x", Map.of("y", "x"), false),
        Arguments.of("!x", Map.of(), true),
        Arguments.of("!x", Map.of("x", "a"), false),
        Arguments.of("x>1", Map.of("x", "2"), true),
        Arguments.of("x>1", Map.of("x", "1"), false),
        Arguments.of("x>1", Map.of("x", "abc"), false),
        Arguments.of("x>1", Map.of(), false),
        Arguments.of("x<1", Map.of("x", "0"), true),
        Arguments.of("x<1", Map.of("x", "-5"), true),
        Arguments.of("x<1", Map.of("x", "1"), false),
        Arguments.of("x=a,y=b", Map.of("x", "a", "y", "b"), true),
        Arguments.of("x=a,y=b", Map.of("x", "a"), false),
        Arguments.of("x=a,x=b", Map.of("x", "a"), false),
        Arguments.of("", Map.of("x", "a"), true),
        Arguments.of("", Map.of(), true),
        Arguments.of("app in (web,x),!foo", Map.of("app", "web"), true),
        Arguments.of("app in (web,x),!foo", Map.of("app", "web", "foo", ""), false));
  }

  @ParameterizedTest(name = "[{0}] on {1} = {2}")
  @MethodSource("matching")
  void matchesLabelMapsAndObjects(String selector, Map<String, String> labels, boolean expected) {
    LabelSelector s = LabelSelector.parse(selector);
    assertThat(s.matches(labels)).isEqualTo(expected);
    JsonNode object = MAPPER.createObjectNode().set("metadata",
        MAPPER.createObjectNode().set("labels", MAPPER.valueToTree(labels)));
    assertThat(s.matchesObject(object)).isEqualTo(expected);
    assertThat(s.matchesLabels(MAPPER.valueToTree(labels))).isEqualTo(expected);
  }

  @Test
  void objectsWithoutLabelsHaveNone() {
    LabelSelector exists = LabelSelector.parse("x");
    LabelSelector absent = LabelSelector.parse("!x");
    JsonNode bare = json("{'metadata':{'name':'a'}}");
    JsonNode nullLabels = json("{'metadata':{'labels':null}}");
    assertThat(exists.matchesObject(bare)).isFalse();
    assertThat(absent.matchesObject(bare)).isTrue();
    assertThat(absent.matchesObject(nullLabels)).isTrue();
    assertThat(absent.matchesObject(json("{}"))).isTrue();
    assertThat(LabelSelector.everything().matchesObject(json("{}"))).isTrue();
  }

  @Test
  void manyValuesUseASetAndStillMatch() {
    String values = IntStream.range(0, 40).mapToObj(i -> "v" + i).collect(Collectors.joining(","));
    LabelSelector in = LabelSelector.parse("x in (" + values + ")");
    LabelSelector notIn = LabelSelector.parse("x notin (" + values + ")");
    assertThat(in.matches(Map.of("x", "v39"))).isTrue();
    assertThat(in.matches(Map.of("x", "v40"))).isFalse();
    assertThat(notIn.matches(Map.of("x", "v17"))).isFalse();
    assertThat(notIn.matches(Map.of("x", "w"))).isTrue();
  }

  @Test
  void everythingAndNothing() {
    assertThat(LabelSelector.everything().isEmpty()).isTrue();
    assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
    assertThat(LabelSelector.nothing().isEmpty()).isFalse();
    assertThat(LabelSelector.nothing().matchesNothing()).isTrue();
    assertThat(LabelSelector.nothing().matches(Map.of())).isFalse();
    assertThat(LabelSelector.nothing().matchesObject(json("{}"))).isFalse();
    assertThat(LabelSelector.nothing().toString()).isEmpty();
    assertThat(LabelSelector.parse("")).isEqualTo(LabelSelector.everything());
  }

  @Test
  void fromSetIsSortedEquality() {
    Map<String, String> labels = new HashMap<>();
    labels.put("tier", "fe");
    labels.put("app", "web");
    LabelSelector s = LabelSelector.fromSet(labels);
    assertThat(s.toString()).isEqualTo("app=web,tier=fe");
    assertThat(s.matches(Map.of("app", "web", "tier", "fe", "other", "x"))).isTrue();
    assertThat(LabelSelector.fromSet(Map.of())).isEqualTo(LabelSelector.everything());
  }

  @Test
  void requiresExactMatch() {
    LabelSelector s = LabelSelector.parse("a=1,b in (2),c in (3,4),d!=5,e==6");
    assertThat(s.requiresExactMatch("a")).contains("1");
    assertThat(s.requiresExactMatch("b")).contains("2");
    assertThat(s.requiresExactMatch("c")).isEmpty();
    assertThat(s.requiresExactMatch("d")).isEmpty();
    assertThat(s.requiresExactMatch("e")).contains("6");
    assertThat(s.requiresExactMatch("z")).isEmpty();
  }

  @Test
  void withAddsRequirementsInKeyOrder() {
    LabelSelector s = LabelSelector.parse("b=1")
        .with(Requirement.of("pod-template-hash", Operator.EQUALS, List.of("abc")),
            Requirement.of("a", Operator.EXISTS, List.of()));
    assertThat(s.toString()).isEqualTo("a,b=1,pod-template-hash=abc");
    assertThat(LabelSelector.nothing().with(Requirement.of("a", Operator.EXISTS, List.of())).matchesNothing())
        .isTrue();
  }

  @Test
  void programmaticRequirementsAreValidated() {
    assertThatThrownBy(() -> Requirement.of("a", Operator.IN, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> Requirement.of("a", Operator.EQUALS, List.of("1", "2")))
        .hasMessage("values: Invalid value: []string{\"1\", \"2\"}: exact-match compatibility requires one "
            + "single value");
    assertThatThrownBy(() -> Requirement.of("a", Operator.EXISTS, List.of("1")))
        .hasMessage("values: Invalid value: []string{\"1\"}: values set must be empty for exists and does not "
            + "exist");
    assertThatThrownBy(() -> Requirement.of("-a", Operator.EXISTS, List.of()))
        .hasMessage("key: Invalid value: \"-a\": " + KEY_NAME_RULE);
    assertThat(Requirement.of("a", Operator.NOT_IN, List.of("y", "x")).toString()).isEqualTo("a notin (x,y)");
    assertThat(Requirement.of("a", Operator.NOT_IN, List.of("y", "x")).values()).containsExactly("y", "x");
  }

  // --- metav1.LabelSelector

  static Stream<Arguments> labelSelectorObjects() {
    return Stream.of(
        Arguments.of("{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'In',"
            + "'values':['b','a']}]}", "app=web,tier in (a,b)"),
        Arguments.of("{'matchExpressions':[{'key':'z','operator':'Exists'},"
            + "{'key':'a','operator':'DoesNotExist'},{'key':'m','operator':'NotIn','values':['x']}]}",
            "!a,m notin (x),z"),
        Arguments.of("{}", ""),
        Arguments.of("{'matchLabels':{}}", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelSelectorObjects")
  void convertsLabelSelectorObjects(String selector, String canonical) {
    JsonNode node = json(selector);
    assertThat(LabelSelector.validate(node, "spec.selector")).isEmpty();
    LabelSelector s = LabelSelector.fromLabelSelector(node).orElseThrow();
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(s.matchesNothing()).isFalse();
  }

  @Test
  void scaleStatusSelectorFormat() {
    LabelSelector s = LabelSelector.fromLabelSelector(json("{'matchLabels':{'tier':'x','app':'web'}}"))
        .orElseThrow();
    assertThat(s.toString()).isEqualTo("app=web,tier=x");
    assertThat(s.matches(Map.of("app", "web", "tier", "x"))).isTrue();
    assertThat(s.matches(Map.of("app", "web"))).isFalse();
  }

  @Test
  void missingLabelSelectorSelectsNothing() {
    assertThat(LabelSelector.fromLabelSelector(null).orElseThrow().matchesNothing()).isTrue();
    assertThat(LabelSelector.fromLabelSelector(json("null")).orElseThrow().matchesNothing()).isTrue();
    assertThat(LabelSelector.fromLabelSelector(json("{}")).orElseThrow().isEmpty()).isTrue();
    assertThat(LabelSelector.validate(null, "spec.selector")).isEmpty();
  }

  @Test
  void conversionProblemsAreValues() {
    assertThat(LabelSelector.fromLabelSelector(json("{'matchExpressions':[{'key':'a','operator':'Foo'}]}"))
        .error()).isEqualTo("\"Foo\" is not a valid label selector operator");
    assertThat(LabelSelector.fromLabelSelector(json("{'matchExpressions':[{'key':'a','operator':'In'}]}"))
        .error()).isEqualTo("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set "
            + "can't be empty");
    assertThat(LabelSelector.fromLabelSelector(json("{'matchLabels':{'-a':'b'}}")).error())
        .isEqualTo("key: Invalid value: \"-a\": " + KEY_NAME_RULE);
  }

  static Stream<Arguments> invalidLabelSelectors() {
    return Stream.of(
        Arguments.of("{'matchExpressions':[{'key':'a','operator':'In'}]}",
            List.of("spec.selector.matchExpressions[0].values: Required value: must be specified when "
                + "`operator` is 'In' or 'NotIn'")),
        Arguments.of("{'matchExpressions':[{'key':'a','operator':'NotIn','values':[]}]}",
            List.of("spec.selector.matchExpressions[0].values: Required value: must be specified when "
                + "`operator` is 'In' or 'NotIn'")),
        Arguments.of("{'matchExpressions':[{'key':'a','operator':'Exists','values':['x']}]}",
            List.of("spec.selector.matchExpressions[0].values: Forbidden: may not be specified when "
                + "`operator` is 'Exists' or 'DoesNotExist'")),
        Arguments.of("{'matchExpressions':[{'key':'a','operator':'Equals','values':['x']}]}",
            List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid "
                + "selector operator")),
        Arguments.of("{'matchExpressions':[{'key':'a','operator':'In','values':['ok'],'x':1},"
                + "{'key':'-b','operator':'In','values':['-v']}]}",
            List.of("spec.selector.matchExpressions[1].key: Invalid value: \"-b\": " + KEY_NAME_RULE,
                "spec.selector.matchExpressions[1].values[0]: Invalid value: \"-v\": " + VALUE_RULE)),
        Arguments.of("{'matchLabels':{'-k':'-v'}}",
            List.of("spec.selector.matchLabels: Invalid value: \"-k\": " + KEY_NAME_RULE,
                "spec.selector.matchLabels: Invalid value: \"-v\": " + VALUE_RULE)),
        Arguments.of("{'matchLabels':{'k':1}}",
            List.of("spec.selector.matchLabels.k: Invalid value: 1: must be of type string")),
        Arguments.of("{'matchExpressions':{'key':'a'}}",
            List.of("spec.selector.matchExpressions: Invalid value: {\"key\":\"a\"}: must be of type array")),
        Arguments.of("'app=web'", List.of("spec.selector: Invalid value: \"app=web\": must be of type object")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidLabelSelectors")
  void validatesLabelSelectorObjects(String selector, List<String> errors) {
    List<FieldError> found = LabelSelector.validate(json(selector), "spec.selector");
    assertThat(found).map(FieldError::toString).containsExactlyElementsOf(errors);
  }

  @Test
  void validationErrorsCarryUpstreamCauseReasons() {
    List<FieldError> found = LabelSelector.validate(
        json("{'matchExpressions':[{'key':'a','operator':'In'},{'key':'b','operator':'Bad'}]}"), "spec.selector");
    assertThat(found).extracting(e -> e.type().reason())
        .containsExactly("FieldValueRequired", "FieldValueInvalid");
  }

  private static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
