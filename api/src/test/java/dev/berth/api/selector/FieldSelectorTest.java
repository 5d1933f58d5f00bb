package dev.berth.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.selector.FieldSelector.Operator;
import dev.berth.api.selector.FieldSelector.Requirement;
import dev.berth.api.status.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of("", List.of(), ""),
        Arguments.of(",", List.of(), ""),
        Arguments.of("metadata.name=foo", List.of(req("metadata.name", Operator.EQUALS, "foo")),
            "metadata.name=foo"),
        Arguments.of("a==b", List.of(req("a", Operator.EQUALS, "b")), "a=b"),
        Arguments.of("a!=b", List.of(req("a", Operator.NOT_EQUALS, "b")), "a!=b"),
        Arguments.of("b=1,a=2", List.of(req("a", Operator.EQUALS, "2"), req("b", Operator.EQUALS, "1")),
            "a=2,b=1"),
        Arguments.of("a=b,,c=d", List.of(req("a", Operator.EQUALS, "b"), req("c", Operator.EQUALS, "d")),
            "a=b,c=d"),
        Arguments.of("a=", List.of(req("a", Operator.EQUALS, "")), "a="),
        Arguments.of("=a", List.of(req("", Operator.EQUALS, "a")), "=a"),
        Arguments.of("a=!b", List.of(req("a", Operator.EQUALS, "!b")), "a=!b"),
        Arguments.of("a=b\\,c", List.of(req("a", Operator.EQUALS, "b,c")), "a=b\\,c"),
        Arguments.of("a=b\\=c", List.of(req("a", Operator.EQUALS, "b=c")), "a=b\\=c"),
        Arguments.of("a=b\\\\c", List.of(req("a", Operator.EQUALS, "b\\c")), "a=b\\\\c"),
        Arguments.of("a b=c d", List.of(req("a b", Operator.EQUALS, "c d")), "a b=c d"),
        Arguments.of("spec.nodeName=node-1", List.of(req("spec.nodeName", Operator.EQUALS, "node-1")),
            "spec.nodeName=node-1"),
        // what kubectl describe sends
        Arguments.of("involvedObject.name=x,involvedObject.namespace=default,involvedObject.uid=u-1",
            List.of(req("involvedObject.name", Operator.EQUALS, "x"),
                req("involvedObject.namespace", Operator.EQUALS, "default"),
                req("involvedObject.uid", Operator.EQUALS, "u-1")),
            "involvedObject.name=x,involvedObject.namespace=default,involvedObject.uid=u-1"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("wellFormed")
  void parses(String input, List<Requirement> requirements, String canonical) {
    FieldSelector s = FieldSelector.parse(input);
    assertThat(s.requirements()).containsExactlyElementsOf(requirements);
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(s.isEmpty()).isEqualTo(requirements.isEmpty());
    assertThat(FieldSelector.parse(canonical)).isEqualTo(s);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("foo", "invalid selector: 'foo'; can't understand 'foo'"),
        Arguments.of("a=b,foo", "invalid selector: 'a=b,foo'; can't understand 'foo'"),
        Arguments.of("a=b=c", "invalid field selector: unescaped character in value: 61"),
        Arguments.of("a=b\\,c,d=e,f", "invalid selector: 'a=b\\,c,d=e,f'; can't understand 'f'"),
        Arguments.of("metadata.name!==hldr", "invalid field selector: unescaped character in value: 61"),
        Arguments.of("a=b\\x", "invalid field selector: invalid escape sequence: \\x"),
        Arguments.of("a=b\\!", "invalid field selector: invalid escape sequence: \\!"),
        Arguments.of("a=b\\", "invalid field selector: invalid escape sequence: \\"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("malformed")
  void refusesMalformedSelectors(String input, String message) {
    assertThat(FieldSelector.tryParse(input).error()).isEqualTo(message);
    assertThatThrownBy(() -> FieldSelector.parse(input))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void matchesThroughALookup() {
    Map<String, String> pod = Map.of("metadata.name", "p1", "spec.nodeName", "n1", "status.phase", "Running");
    assertThat(FieldSelector.parse("spec.nodeName=n1").matches(pod::get)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName=n2").matches(pod::get)).isFalse();
    assertThat(FieldSelector.parse("spec.nodeName!=n2,status.phase=Running").matches(pod::get)).isTrue();
    assertThat(FieldSelector.parse("status.phase!=Running").matches(pod)).isFalse();
    assertThat(FieldSelector.everything().matches(pod)).isTrue();
  }

  @Test
  void anAbsentFieldIsTheEmptyString() {
    Map<String, String> unscheduled = Map.of("metadata.name", "p1");
    assertThat(FieldSelector.parse("spec.nodeName=").matches(unscheduled::get)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(unscheduled::get)).isFalse();
    assertThat(FieldSelector.parse("spec.nodeName!=n1").matches(unscheduled::get)).isTrue();
  }

  @Test
  void escapedValuesMatchLiterally() {
    assertThat(FieldSelector.parse("metadata.name=a\\,b").matches(Map.of("metadata.name", "a,b"))).isTrue();
  }

  @Test
  void unsupportedFieldsAreRefusedAsUpstream() {
    Set<String> podFields = Set.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase");
    FieldSelector ok = FieldSelector.parse("spec.nodeName=n1,metadata.name=p");
    assertThat(ok.requireSupported(podFields)).isSameAs(ok);
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name=p,spec.foo=x").requireSupported(podFields))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("field label not supported: spec.foo");
        });
  }

  @Test
  void requiresExactMatch() {
    FieldSelector s = FieldSelector.parse("metadata.name=x,spec.nodeName!=y");
    assertThat(s.requiresExactMatch("metadata.name")).contains("x");
    assertThat(s.requiresExactMatch("spec.nodeName")).isEmpty();
    assertThat(FieldSelector.oneTermEquals("metadata.name", "a,b").toString()).isEqualTo("metadata.name=a\\,b");
  }

  @Test
  void escapeValue() {
    assertThat(FieldSelector.escapeValue("plain")).isEqualTo("plain");
    assertThat(FieldSelector.escapeValue("a\\b,c=d")).isEqualTo("a\\\\b\\,c\\=d");
  }

  private static Requirement req(String field, Operator op, String value) {
    return new Requirement(field, op, value);
  }
}
