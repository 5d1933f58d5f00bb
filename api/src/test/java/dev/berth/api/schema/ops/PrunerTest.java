package dev.berth.api.schema.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import org.junit.jupiter.api.Test;

class PrunerTest {

  private static final ObjectMapper M = new ObjectMapper();
  private final Pruner pruner = new Pruner();

  private static JsonNode json(String s) {
    try {
      return M.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Schema crSchema() {
    Schema port = Schema.object()
        .property("containerPort", new Schema(Type.INTEGER).format("int32"))
        .property("protocol", Schema.string());
    return Schema.object()
        .property("spec", Schema.object()
            .property("knownField1", Schema.string())
            .property("ports", Schema.array(port).listType("map")
                .listMapKeys(java.util.List.of("containerPort", "protocol")))
            .property("labels", Schema.mapOf(Schema.object().property("v", Schema.string())))
            .property("embeddedObj", Schema.object().embeddedResource(true)
                .property("kind", Schema.string())
                .property("data", Schema.mapOf(Schema.string())))
            .property("free", Schema.object().preserveUnknownFields(true)
                .property("typed", Schema.object().property("a", Schema.string())))
            .property("raw", new Schema(Type.ANY).preserveUnknownFields(true)));
  }

  @Test
  void prunesUnknownFieldsAndReportsThemInUpstreamOrder() {
    JsonNode cr = json("""
        {"apiVersion":"example.com/v1","kind":"Thing",
         "metadata":{"name":"t","unknownMeta":"x","labels":{"a":"b"},
           "ownerReferences":[{"apiVersion":"v1","kind":"K","name":"n","uid":"u","junk":1}]},
         "spec":{"unknown1":"v","knownField1":"k",
           "ports":[{"containerPort":80,"protocol":"TCP","unknownNested":"v"}],
           "labels":{"x":{"v":"1","w":"2"}},
           "embeddedObj":{"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"cm","unknownEmbeddedMeta":"foo"},"data":{"a":"b"},"extra":1},
           "free":{"anything":{"deep":[1,2]},"typed":{"a":"x","b":"y"}},
           "raw":{"whatever":true}},
         "status":{"bogus":1}}""");
    java.util.List<String> pruned = pruner.pruneResource(cr, crSchema());
    assertThat(pruned).containsExactly(
        "metadata.ownerReferences[0].junk", "metadata.unknownMeta",
        "spec.embeddedObj.extra", "spec.free.typed.b", "spec.labels.x.w",
        "spec.ports[0].unknownNested", "spec.unknown1", "status",
        "spec.embeddedObj.metadata.unknownEmbeddedMeta");
    assertThat(cr.toString()).isEqualTo("""
        {"apiVersion":"example.com/v1","kind":"Thing",\
        "metadata":{"name":"t","labels":{"a":"b"},\
        "ownerReferences":[{"apiVersion":"v1","kind":"K","name":"n","uid":"u"}]},\
        "spec":{"knownField1":"k","ports":[{"containerPort":80,"protocol":"TCP"}],\
        "labels":{"x":{"v":"1"}},\
        "embeddedObj":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"b"}},\
        "free":{"anything":{"deep":[1,2]},"typed":{"a":"x"}},"raw":{"whatever":true}}}""");
  }

  @Test
  void withoutASchemaOnlyTypeMetaAndMetadataSurvive() {
    JsonNode cr = json("{\"apiVersion\":\"v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"a\"},\"spec\":{}}");
    assertThat(pruner.pruneResource(cr, null)).containsExactly("spec");
    assertThat(cr.toString()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"a\"}}");
  }

  @Test
  void aPreserveUnknownFieldsRootKeepsEverythingButStillCutsMetadata() {
    Schema root = Schema.object().preserveUnknownFields(true)
        .property("spec", Schema.object().property("a", Schema.string()));
    JsonNode cr = json("{\"kind\":\"K\",\"metadata\":{\"zzz\":1},\"spec\":{\"a\":\"x\",\"b\":1},\"other\":2}");
    assertThat(pruner.pruneResource(cr, root)).containsExactly("metadata.zzz", "spec.b");
    assertThat(cr.toString()).isEqualTo("{\"kind\":\"K\",\"metadata\":{},\"spec\":{\"a\":\"x\"},\"other\":2}");
  }

  @Test
  void objectsWithoutPropertiesLoseAllFieldsAndArraysArePrunedPerItem() {
    Schema s = Schema.object()
        .property("empty", Schema.object())
        .property("list", Schema.array(Schema.object().property("k", Schema.string())))
        .property("scalar", Schema.string());
    JsonNode v = json("{\"empty\":{\"a\":1},\"list\":[{\"k\":\"1\",\"x\":2},{\"y\":3},5],\"scalar\":{\"n\":1}}");
    assertThat(pruner.prune(v, s)).containsExactly("empty.a", "list[0].x", "list[1].y", "scalar.n");
    assertThat(v.toString()).isEqualTo("{\"empty\":{},\"list\":[{\"k\":\"1\"},{},5],\"scalar\":{}}");
  }

  @Test
  void plainPruneAtTheRootDoesNotSpareTypeMeta() {
    Schema s = Schema.object().property("a", Schema.string());
    JsonNode v = json("{\"a\":\"x\",\"kind\":\"K\"}");
    assertThat(pruner.prune(v, s)).containsExactly("kind");
  }
}
