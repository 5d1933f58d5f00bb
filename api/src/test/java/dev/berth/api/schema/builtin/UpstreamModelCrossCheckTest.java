package dev.berth.api.schema.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.annotations.SerializedName;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares the derived schemas with the models of the official Kubernetes Java client (generated
 * from the upstream v1.32 OpenAPI document): same field names, and the same shape for every field,
 * including what fabric8 flattens (times and byte strings modelled as plain strings).
 */
class UpstreamModelCrossCheckTest {

  private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas(null);
  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  @Test
  void fieldNamesAndShapesMatchTheOfficialClientModels() {
    List<String> problems = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, Schema> e : SCHEMAS.components().entrySet()) {
      Schema component = e.getValue();
      if (component.type() != Type.OBJECT || component.preserveUnknownFields()) {
        continue; // named scalars and opaque values have no model class
      }
      Class<?> model = modelClass(e.getKey());
      if (model == null) {
        problems.add(e.getKey() + ": no official model class");
        continue;
      }
      compared++;
      Map<String, String> upstream = new TreeMap<>();
      for (Field f : model.getDeclaredFields()) {
        SerializedName json = f.getAnnotation(SerializedName.class);
        if (json != null) {
          upstream.put(json.value(), shape(f.getGenericType()));
        }
      }
      Map<String, String> ours = new TreeMap<>();
      component.properties().forEach((name, schema) -> ours.put(name, shape(schema)));
      if (!upstream.keySet().equals(ours.keySet())) {
        TreeSet<String> extra = new TreeSet<>(ours.keySet());
        extra.removeAll(upstream.keySet());
        TreeSet<String> missing = new TreeSet<>(upstream.keySet());
        missing.removeAll(ours.keySet());
        problems.add(e.getKey() + ": extra " + extra + " missing " + missing);
      }
      upstream.forEach((field, shape) -> {
        String mine = ours.get(field);
        if (mine != null && !mine.equals(shape)) {
          problems.add(e.getKey() + "." + field + ": " + mine + " but upstream " + shape);
        }
      });
    }
    // CustomResourceSubresourceStatus is an empty Go struct: the client models it as Object, we as
    // an object without fields (what strict decoding of the Go type accepts).
    assertThat(problems).containsExactlyInAnyOrder(
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus: no official model class",
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources.status: object but upstream any");
    assertThat(compared).isGreaterThan(350);
  }

  /** io.k8s.api.core.v1.PodSpec -> V1PodSpec (or CoreV1PodSpec where the client disambiguates). */
  private static Class<?> modelClass(String component) {
    String[] parts = component.split("\\.");
    String kind = parts[parts.length - 1];
    String version = parts[parts.length - 2];
    String group = component.startsWith("io.k8s.api.") ? parts[3]
        : component.startsWith("io.k8s.apiextensions-apiserver.") ? "apiextensions" : "meta";
    String v = Character.toUpperCase(version.charAt(0)) + version.substring(1);
    String g = Character.toUpperCase(group.charAt(0)) + group.substring(1);
    for (String candidate : List.of(v + kind, g + v + kind)) {
      try {
        return Class.forName(MODELS + candidate);
      } catch (ClassNotFoundException next) {
        // try the next naming scheme
      }
    }
    return null;
  }

  private static String shape(Schema s) {
    if (s.name() != null) {
      return switch (s.name()) {
        case "io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime" -> "date-time";
        case "io.k8s.apimachinery.pkg.api.resource.Quantity" -> "quantity";
        case "io.k8s.apimachinery.pkg.util.intstr.IntOrString" -> "int-or-string";
        default -> s.type() == Type.OBJECT && !s.preserveUnknownFields() ? "object" : "any";
      };
    }
    return switch (s.type()) {
      case ARRAY -> "list<" + shape(s.items()) + ">";
      case OBJECT -> s.isMap() ? "map<" + shape(s.additionalProperties()) + ">" : "object";
      case STRING -> "byte".equals(s.format()) ? "byte" : "string";
      case INTEGER -> s.format();
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case INT_OR_STRING -> "int-or-string";
      case ANY -> "any";
    };
  }

  private static String shape(java.lang.reflect.Type t) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      java.lang.reflect.Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return "list<" + shape(args[0]) + ">";
      }
      if (Map.class.isAssignableFrom(raw)) {
        return "map<" + shape(args[1]) + ">";
      }
    }
    Class<?> c = (Class<?>) t;
    if (c == byte[].class) {
      return "byte";
    }
    if (c == OffsetDateTime.class) {
      return "date-time";
    }
    return switch (c.getSimpleName()) {
      case "String" -> "string";
      case "Integer" -> "int32";
      case "Long" -> "int64";
      case "Boolean" -> "boolean";
      case "Double", "Float", "BigDecimal" -> "number";
      case "Quantity" -> "quantity";
      case "IntOrString" -> "int-or-string";
      case "Object" -> "any";
      default -> "object";
    };
  }
}
