package dev.berth.api.patch;

import static dev.berth.api.patch.Json.json;
import static dev.berth.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

  /** The examples of RFC 7386 appendix A, plus nesting and kubectl's bodies. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      {'a':'b'}                       | {'a':'c'}                          | {'a':'c'}
      {'a':'b'}                       | {'b':'c'}                          | {'a':'b','b':'c'}
      {'a':'b'}                       | {'a':null}                         | {}
      {'a':'b','b':'c'}               | {'a':null}                         | {'b':'c'}
      {'a':['b']}                     | {'a':'c'}                          | {'a':'c'}
      {'a':'c'}                       | {'a':['b']}                        | {'a':['b']}
      {'a':{'b':'c'}}                 | {'a':{'b':'d','c':null}}           | {'a':{'b':'d'}}
      {'a':[{'b':'c'}]}               | {'a':[1]}                          | {'a':[1]}
      ['a','b']                       | ['c','d']                          | ['c','d']
      {'a':'b'}                       | ['c']                              | ['c']
      {'a':'foo'}                     | null                               | null
      {'a':'foo'}                     | 'bar'                              | 'bar'
      {'e':null}                      | {'a':1}                            | {'e':null,'a':1}
      [1,2]                           | {'a':'b','c':null}                 | {'a':'b'}
      {}                              | {'a':{'bb':{'ccc':null}}}          | {'a':{'bb':{}}}
      {'a':[{'x':null}]}              | {'a':[{'y':null}]}                 | {'a':[{'y':null}]}
      {'metadata':{'labels':{'a':'1'}}} | {'metadata':{'labels':{'tier':'fe'}}} | {'metadata':{'labels':{'a':'1','tier':'fe'}}}
      {'spec':{'replicas':1,'x':2}}   | {'spec':{'replicas':3}}            | {'spec':{'replicas':3,'x':2}}
      {'a':{'b':1}}                   | {'a':{}}                           | {'a':{'b':1}}
      """)
  void rfc7386(String original, String patch, String expected) {
    JsonNode o = json(original);
    JsonNode p = json(patch);
    JsonNode oCopy = o.deepCopy();
    JsonNode pCopy = p.deepCopy();
    assertThat(JsonMergePatch.apply(o, p)).isEqualTo(json(expected));
    assertThat(o).isEqualTo(oCopy);
    assertThat(p).isEqualTo(pCopy);
  }

  @Test
  void resultSharesNothingMutableWithTheInputs() {
    ObjectNode original = obj("{'a':{'b':[1]},'c':{'d':1}}");
    ObjectNode patch = obj("{'c':{'e':[2]},'f':{'g':1}}");
    ObjectNode result = (ObjectNode) JsonMergePatch.apply(original, patch);
    result.withObject("/a").put("b", 9);
    ((com.fasterxml.jackson.databind.node.ArrayNode) result.at("/c/e")).add(3);
    result.withObject("/f").put("g", 9);
    assertThat(original).isEqualTo(obj("{'a':{'b':[1]},'c':{'d':1}}"));
    assertThat(patch).isEqualTo(obj("{'c':{'e':[2]},'f':{'g':1}}"));
  }

  @Test
  void applyToObjectRefusesNullAndScalarsAsUpstream() {
    for (String patch : new String[] {"null", "'x'", "1", "true"}) {
      assertThatThrownBy(() -> JsonMergePatch.applyToObject(json("{'a':1}"), json(patch)))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
          });
    }
  }

  @Test
  void applyToObjectRefusesAnArrayAsInvalid() {
    assertThatThrownBy(() -> JsonMergePatch.applyToObject(json("{'a':1}"), json("[1]")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.reason()).isEqualTo("Invalid");
          assertThat(e.getMessage()).isEqualTo(" \"\" is invalid: patch: Invalid value: \"[1]\": "
              + "json: cannot unmarshal array into Go value of type map[string]interface {}");
          assertThat(e.causes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("patch");
            assertThat(c.reason()).isEqualTo("FieldValueInvalid");
          });
        });
  }

  @Test
  void applyToObjectMergesKubectlLabel() {
    assertThat(JsonMergePatch.applyToObject(json("{'metadata':{'name':'x'}}"),
        json("{'metadata':{'labels':{'tier':'fe'}}}")))
        .isEqualTo(json("{'metadata':{'name':'x','labels':{'tier':'fe'}}}"));
  }

  @Test
  void applyInPlaceMutatesTheTarget() {
    ObjectNode target = obj("{'a':{'b':1}}");
    assertThat(JsonMergePatch.applyInPlace(target, obj("{'a':{'c':2}}"))).isSameAs(target);
    assertThat(target).isEqualTo(json("{'a':{'b':1,'c':2}}"));
  }
}
