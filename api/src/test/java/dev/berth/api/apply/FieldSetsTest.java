package dev.berth.api.apply;

import static dev.berth.api.apply.TestSchemas.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.schema.Schema;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FieldSetsTest {

  private static String q(String s) {
    return s.replace('\'', '"');
  }

  static Stream<Arguments> specified() {
    Schema deploy = TestSchemas.deployment();
    Schema widget = TestSchemas.widget();
    return Stream.of(
        // scalars are members; a struct field holding an object is not
        Arguments.of(deploy, "{'spec':{'replicas':3,'paused':false}}",
            "{'f:spec':{'f:paused':{},'f:replicas':{}}}"),
        // map entries are members of their own; the map field is not
        Arguments.of(deploy, "{'metadata':{'labels':{'app':'nginx','tier':'fe'}}}",
            "{'f:metadata':{'f:labels':{'f:app':{},'f:tier':{}}}}"),
        // an atomic struct (LabelSelector) is owned whole
        Arguments.of(deploy, "{'spec':{'selector':{'matchLabels':{'app':'nginx'}}}}",
            "{'f:spec':{'f:selector':{}}}"),
        // associative list elements: '.' plus their keys; a defaulted key field fills the key
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':[{'name':'nginx','image':'nginx:1.25',"
                + "'ports':[{'containerPort':80}]}]}}}}",
            "{'f:spec':{'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},"
                + "'f:image':{},'f:name':{},'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':"
                + "{'.':{},'f:containerPort':{}}}}}}}}}"),
        // atomic lists are owned whole, set lists by value
        Arguments.of(deploy, "{'metadata':{'finalizers':['b','a']},'spec':{'template':{'spec':{'containers':"
                + "[{'name':'c','args':['x','y']}]}}}}",
            "{'f:metadata':{'f:finalizers':{'v:\\'a\\'':{},'v:\\'b\\'':{}}},'f:spec':{'f:template':{'f:spec':"
                + "{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'.':{},'f:args':{},'f:name':{}}}}}}}"),
        // empty and null objects in struct fields specify nothing; an empty atomic value does
        Arguments.of(deploy, "{'spec':{'strategy':{},'template':null,'selector':{}}}",
            "{'f:spec':{'f:selector':{}}}"),
        // empty lists specify nothing either
        Arguments.of(deploy, "{'metadata':{'finalizers':[]}}", "{}"),
        // a free-form object and preserve-unknown-fields: granular maps, atomic lists
        Arguments.of(widget, "{'spec':{'config':{'a':{'b':1},'list':[1,2]},'extra':{'known':'k','other':"
                + "{'deep':true}},'raw':{'x':[{'y':1}]}}}",
            "{'f:spec':{'f:config':{'f:a':{'.':{},'f:b':{}},'f:list':{}},'f:extra':{'f:known':{},'f:other':"
                + "{'.':{},'f:deep':{}}},'f:raw':{'f:x':{}}}}"),
        // numeric keys and set values
        Arguments.of(widget, "{'spec':{'ports':[443,80],'items':[{'id':2,'value':'b'},{'id':1}]}}",
            "{'f:spec':{'f:items':{'k:{\\'id\\':1}':{'.':{},'f:id':{}},'k:{\\'id\\':2}':{'.':{},'f:id':{},"
                + "'f:value':{}}},'f:ports':{'v:80':{},'v:443':{}}}}"),
        // a value whose type does not fit the schema is a leaf
        Arguments.of(deploy, "{'spec':{'template':'oops'}}", "{'f:spec':{'f:template':{}}}"));
  }

  @ParameterizedTest
  @MethodSource("specified")
  void fieldsAnObjectSpecifies(Schema schema, String object, String fieldsV1) {
    assertThat(FieldSets.of(obj(object), schema).toJsonString()).isEqualTo(q(fieldsV1));
  }

  static Stream<Arguments> untrackable() {
    Schema deploy = TestSchemas.deployment();
    return Stream.of(
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}",
            ".spec.template.spec.containers: element 0: associative list with keys has an element that "
                + "omits key field \"name\" (and doesn't have default value)"),
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'a'}]}}}}",
            ".spec.template.spec.containers: duplicate entries for key [name=\"a\"]"),
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':[{'name':'a','ports':["
                + "{'containerPort':80},{'containerPort':80,'protocol':'TCP'}]}]}}}}",
            ".spec.template.spec.containers[name=\"a\"].ports: duplicate entries for key "
                + "[containerPort=80,protocol=\"TCP\"]"),
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':['c']}}}}",
            ".spec.template.spec.containers: element 0: associative list with keys may not have non-map elements"),
        Arguments.of(deploy, "{'spec':{'template':{'spec':{'containers':[null]}}}}",
            ".spec.template.spec.containers: element 0: associative list with keys may not have a null element"),
        Arguments.of(deploy, "{'metadata':{'finalizers':['a','a']}}",
            ".metadata.finalizers: duplicate entries for key [=\"a\"]"),
        Arguments.of(deploy, "{'metadata':{'finalizers':[{'a':1}]}}",
            ".metadata.finalizers: element 0: associative list without keys has an element that's a map type"),
        Arguments.of(deploy, "{'metadata':{'finalizers':[null]}}",
            ".metadata.finalizers: element 0: associative list without keys has an element that's an explicit null"),
        Arguments.of(deploy, "{'spec':{'replicaz':3}}", ".spec.replicaz: field not declared in schema"),
        Arguments.of(deploy, "{'bogus':1}", ".bogus: field not declared in schema"));
  }

  @ParameterizedTest
  @MethodSource("untrackable")
  void objectsThatCannotBeTrackedAreRejectedWithUpstreamMessages(Schema schema, String object,
      String message) {
    assertThatThrownBy(() -> FieldSets.of(obj(object), schema))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessage(message);
  }

  @Test
  void severalErrorsAreListed() {
    SchemaMismatchException e = (SchemaMismatchException) org.assertj.core.api.Assertions.catchThrowable(
        () -> FieldSets.of(obj("{'spec':{'template':{'spec':{'containers':[{'image':'x'}],"
            + "'volumes':[{'name':'v'},{'name':'v'}]}}}}"), TestSchemas.deployment()));
    assertThat(e.errors()).hasSize(2);
    assertThat(e.getMessage()).startsWith("errors:\n  .spec.template.spec.");
  }

  @Test
  void storedObjectsAreReadTolerantly() {
    // Upstream tracks a repeated key of a stored object as one opaque element.
    FieldSet s = FieldSets.ofLenient(obj("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'},"
        + "{'name':'a','image':'2'},{'image':'nameless'},{'name':'b','image':'3'}]}}}}"), TestSchemas.deployment());
    assertThat(s.toJsonString()).isEqualTo(q("{'f:spec':{'f:template':{'f:spec':{'f:containers':{"
        + "'k:{\\'name\\':\\'a\\'}':{},'k:{\\'name\\':\\'b\\'}':{'.':{},'f:image':{},'f:name':{}}}}}}}"));
  }
}
