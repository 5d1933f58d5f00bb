package dev.berth.api.schema.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural pruning for custom resources (apiextensions-apiserver's schema/pruning): every object
 * field the schema does not specify is removed, except under {@code x-kubernetes-preserve-unknown-fields}
 * and except {@code apiVersion}, {@code kind} and {@code metadata} at the resource root and in
 * {@code x-kubernetes-embedded-resource} values. Metadata itself is cut to ObjectMeta, as upstream's
 * round trip through the typed ObjectMeta does. The removed paths are returned: they are the unknown
 * fields of {@code fieldValidation} for custom resources. Thread-safe.
 */
public final class Pruner {

  private static final Set<String> META_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final Schema objectMeta;

  public Pruner() {
    this(ObjectMetaSchema.create());
  }

  /** A pruner cutting every resource {@code metadata} to the given ObjectMeta schema. */
  public Pruner(Schema objectMeta) {
    this.objectMeta = objectMeta;
  }

  /**
   * Prunes a custom resource in place and returns the removed fields' paths in upstream's reporting
   * order: unknown fields of the top-level {@code metadata}, then the pruned paths sorted, then
   * unknown fields of embedded resources' metadata (each group sorted). {@code schema} null means no
   * schema: everything but apiVersion, kind and metadata goes.
   */
  public List<String> pruneResource(JsonNode resource, Schema schema) {
    Run run = new Run();
    if (resource != null && resource.isObject()) {
      run.object((ObjectNode) resource, schema, true, true);
    }
    return run.ordered();
  }

  /**
   * Prunes any value in place against a schema, without resource semantics at the root (defaults,
   * fragments); returns the removed paths sorted.
   */
  public List<String> prune(JsonNode value, Schema schema) {
    Run run = new Run();
    run.prune(value, schema);
    return run.ordered();
  }

  private final class Run {
    private final FieldPath path = new FieldPath("");
    private List<String> pruned;
    private List<String> rootMeta;
    private List<String> embeddedMeta;

    List<String> ordered() {
      List<String> out = new ArrayList<>();
      addSorted(out, rootMeta);
      addSorted(out, pruned);
      addSorted(out, embeddedMeta);
      return out;
    }

    private void addSorted(List<String> out, List<String> part) {
      if (part != null) {
        Collections.sort(part);
        out.addAll(part);
      }
    }

    void prune(JsonNode x, Schema s) {
      if (x == null) {
        return;
      }
      if (s != null && s.preserveUnknownFields()) {
        keep(x, s);
        return;
      }
      if (x.isObject()) {
        object((ObjectNode) x, s, s != null && s.embeddedResource(), false);
      } else if (x.isArray()) {
        Schema items = s == null ? null : s.items();
        for (int i = 0; i < x.size(); i++) {
          int mark = path.index(i);
          prune(x.get(i), items);
          path.reset(mark);
        }
      }
    }

    void object(ObjectNode obj, Schema s, boolean resource, boolean root) {
      if (s != null && s.preserveUnknownFields() && !root) {
        keep(obj, s);
        return;
      }
      boolean preserve = s != null && s.preserveUnknownFields();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (resource && META_FIELDS.contains(key)) {
          if (key.equals("metadata")) {
            metadata(e.getValue(), root);
          }
          continue;
        }
        Schema prop = s == null ? null : s.property(key);
        if (prop == null && s != null) {
          prop = s.additionalProperties();
        }
        if (prop != null) {
          int mark = path.key(key);
          prune(e.getValue(), prop);
          path.reset(mark);
        } else if (!preserve) {
          if (pruned == null) {
            pruned = new ArrayList<>();
          }
          pruned.add(path.child(key));
          it.remove();
        }
      }
    }

    /** Under preserve-unknown-fields: unknown keys stay as they are, known ones are still pruned. */
    private void keep(JsonNode x, Schema s) {
      if (x.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (s.embeddedResource() && META_FIELDS.contains(e.getKey())) {
            if (e.getKey().equals("metadata")) {
              metadata(e.getValue(), false);
            }
            continue;
          }
          Schema prop = s.property(e.getKey());
          if (prop == null) {
            prop = s.additionalProperties();
          }
          if (prop != null) {
            int mark = path.key(e.getKey());
            prune(e.getValue(), prop);
            path.reset(mark);
          }
        }
      } else if (x.isArray()) {
        for (int i = 0; i < x.size(); i++) {
          int mark = path.index(i);
          prune(x.get(i), s.items());
          path.reset(mark);
        }
      }
    }

    private void metadata(JsonNode meta, boolean root) {
      if (meta == null || !meta.isObject()) {
        return;
      }
      int mark = path.key("metadata");
      List<String> saved = pruned;
      pruned = null;
      object((ObjectNode) meta, objectMeta, false, false);
      List<String> found = pruned;
      pruned = saved;
      path.reset(mark);
      if (found != null) {
        if (root) {
          rootMeta = append(rootMeta, found);
        } else {
          embeddedMeta = append(embeddedMeta, found);
        }
      }
    }

    private List<String> append(List<String> to, List<String> more) {
      List<String> list = to == null ? new ArrayList<>() : to;
      list.addAll(more);
      return list;
    }
  }
}
