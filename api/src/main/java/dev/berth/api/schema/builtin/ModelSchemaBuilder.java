package dev.berth.api.schema.builtin;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Derives {@link Schema}s from fabric8 model classes through Jackson's own bean introspection, so
 * property names are exactly the ones Jackson reads and writes. The any-setter bag fabric8 adds to
 * every class ({@code additionalProperties}) is not a property, which keeps unknown fields
 * detectable. Facts the classes do not carry come from {@link FieldFacts}.
 *
 * <p>Not thread-safe: {@link BuiltinSchemas} serialises all calls. Components are cached by class,
 * so a type shared by several kinds (PodSpec, ObjectMeta) is one node.
 */
final class ModelSchemaBuilder {

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

  private final ObjectMapper mapper = new ObjectMapper();
  private final DeserializationConfig config = mapper.getDeserializationConfig();
  private final FieldFacts facts;
  private final Function<Class<?>, List<GroupVersionKind>> kindsOf;
  private final Map<Class<?>, Schema> byClass = new HashMap<>();
  private final Map<String, Schema> byName = new LinkedHashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final Set<String> usedFacts = new HashSet<>();

  ModelSchemaBuilder(FieldFacts facts, Function<Class<?>, List<GroupVersionKind>> kindsOf) {
    this.facts = facts;
    this.kindsOf = kindsOf;
  }

  /** Every named component built so far, by name (canonical nodes only, never per-field views). */
  Map<String, Schema> components() {
    return byName;
  }

  /** Table rows that did not match any built field: "component field" strings. */
  Set<String> unusedFacts() {
    Set<String> unused = new HashSet<>();
    facts.all().forEach((component, fields) -> fields.keySet().forEach(field -> {
      String key = component + " " + field;
      if (!usedFacts.contains(key)) {
        unused.add(key);
      }
    }));
    return unused;
  }

  /** The named component for a fabric8 model class, built with its whole closure on first use. */
  Schema component(Class<?> type) {
    Schema known = byClass.get(type);
    if (known != null) {
      return known;
    }
    String name = UpstreamNames.of(type);
    Schema special = specialComponent(type, name);
    if (special != null) {
      byClass.put(type, special);
      return special;
    }
    if (byName.containsKey(name)) {
      // two fabric8 classes claiming one upstream name would silently merge two types
      throw new IllegalStateException(type.getName() + " and another class both map to " + name);
    }
    Schema node = new Schema(Type.OBJECT).name(name);
    for (GroupVersionKind gvk : kindsOf.apply(type)) {
      node.groupVersionKind(gvk);
    }
    byClass.put(type, node);
    byName.put(name, node);
    inProgress.add(name);
    BeanDescription bean = config.introspect(mapper.constructType(type));
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (!property.couldDeserialize()) {
        continue; // write-only views (getters without a field) are not part of the wire type
      }
      FieldFacts.Facts fieldFacts = use(name, property.getName());
      if (fieldFacts != null && fieldFacts.has("omit")) {
        continue;
      }
      Schema value = propertySchema(property.getPrimaryType(), fieldFacts, name + "." + property.getName());
      node.property(property.getName(), applyFieldFacts(value, fieldFacts, name + "." + property.getName()));
    }
    applyTypeFacts(node, use(name, FieldFacts.TYPE_ROW));
    inProgress.remove(name);
    return node;
  }

  /** A well-known named scalar or opaque component (Time, Quantity, RawExtension, ...). */
  Schema named(String name) {
    Schema known = byName.get(name);
    if (known != null) {
      return known;
    }
    Schema node = switch (name) {
      case UpstreamNames.TIME, UpstreamNames.MICRO_TIME -> new Schema(Type.STRING).format("date-time");
      case UpstreamNames.QUANTITY -> new Schema(Type.INT_OR_STRING);
      case UpstreamNames.INT_OR_STRING -> new Schema(Type.INT_OR_STRING).format("int-or-string");
      case UpstreamNames.RAW_EXTENSION, UpstreamNames.META + "FieldsV1" ->
          new Schema(Type.OBJECT).preserveUnknownFields(true);
      case UpstreamNames.APIEXTENSIONS + "JSON",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrBool",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrArray",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrStringArray" ->
          new Schema(Type.ANY).preserveUnknownFields(true);
      default -> throw new IllegalArgumentException("no well-known component " + name);
    };
    node.name(name);
    byName.put(name, node);
    return node;
  }

  private Schema specialComponent(Class<?> type, String name) {
    if (!type.getPackageName().equals(FABRIC8) && !type.getPackageName().startsWith(FABRIC8 + ".")) {
      return null;
    }
    return switch (name) {
      case UpstreamNames.QUANTITY, UpstreamNames.INT_OR_STRING, UpstreamNames.MICRO_TIME,
          UpstreamNames.RAW_EXTENSION, UpstreamNames.META + "FieldsV1",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrBool",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrArray",
          UpstreamNames.APIEXTENSIONS + "JSONSchemaPropsOrStringArray" -> named(name);
      default -> {
        // A class with its own (de)serializer has a wire form its bean properties do not describe.
        Object custom = config.getAnnotationIntrospector()
            .findDeserializer(config.introspectClassAnnotations(type).getClassInfo());
        if (custom != null) {
          throw new IllegalStateException(type.getName() + " has a custom deserializer and no known schema");
        }
        yield null;
      }
    };
  }

  private Schema propertySchema(JavaType type, FieldFacts.Facts fieldFacts, String where) {
    String ref = fieldFacts == null ? null : fieldFacts.get("ref");
    String format = fieldFacts == null ? null : fieldFacts.get("format");
    Schema value = valueSchema(type, ref, where);
    if (format != null) {
      Schema innermost = innermost(value);
      if (innermost.name() != null) {
        throw new IllegalStateException(where + ": format on a named component");
      }
      innermost.format(format);
    }
    return value;
  }

  private static Schema innermost(Schema schema) {
    Schema s = schema;
    while (s.name() == null && (s.type() == Type.ARRAY || s.isMap())) {
      s = s.type() == Type.ARRAY ? s.items() : s.additionalProperties();
    }
    return s;
  }

  /** The schema of a Java type; {@code ref} replaces the innermost value (map values, list items). */
  private Schema valueSchema(JavaType type, String ref, String where) {
    Class<?> raw = type.getRawClass();
    if (raw == byte[].class) {
      return ref != null ? named(ref) : Schema.string().format("byte");
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return Schema.array(valueSchema(type.getContentType(), ref, where + "[]"));
    }
    if (type.isMapLikeType()) {
      if (type.getKeyType().getRawClass() != String.class) {
        throw new IllegalStateException(where + ": map keys must be strings, got " + type.getKeyType());
      }
      if (ref == null && type.getContentType().getRawClass() == Object.class) {
        return new Schema(Type.ANY).preserveUnknownFields(true); // Map<String, Object>: arbitrary JSON
      }
      return Schema.mapOf(valueSchema(type.getContentType(), ref, where + "{}"));
    }
    if (ref != null) {
      return named(ref);
    }
    if (raw == String.class) {
      return Schema.string();
    }
    if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
      return new Schema(Type.INTEGER).format("int32");
    }
    if (raw == Long.class || raw == long.class || raw == BigInteger.class) {
      return new Schema(Type.INTEGER).format("int64");
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return new Schema(Type.BOOLEAN);
    }
    if (raw == Double.class || raw == double.class || raw == BigDecimal.class) {
      return new Schema(Type.NUMBER).format("double");
    }
    if (raw == Float.class || raw == float.class) {
      return new Schema(Type.NUMBER).format("float");
    }
    if (raw == ZonedDateTime.class || raw == OffsetDateTime.class || raw == Instant.class) {
      return named(UpstreamNames.TIME);
    }
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()) {
      // RawExtension-like holes (and KubernetesResource fields): any JSON, kept as is.
      return new Schema(Type.ANY).preserveUnknownFields(true);
    }
    if (raw.isEnum()) {
      Schema s = Schema.string();
      for (Object constant : raw.getEnumConstants()) {
        s.enumValues().add(TextNode.valueOf(mapper.convertValue(constant, String.class)));
      }
      return s;
    }
    if (raw.getPackageName().startsWith(FABRIC8)) {
      return component(raw);
    }
    throw new IllegalStateException(where + ": no schema mapping for " + type);
  }

  private Schema applyFieldFacts(Schema value, FieldFacts.Facts f, String where) {
    if (f == null || !hasFieldLevelAttribute(f)) {
      return value;
    }
    Schema node = value;
    if (value.name() != null) {
      // Field-level metadata on a shared component (DeploymentSpec.strategy retainKeys,
      // PersistentVolumeSpec.claimRef granular) must not leak to the component's other users.
      if (inProgress.contains(value.name())) {
        throw new IllegalStateException(where + ": field metadata on " + value.name() + " while it is being built");
      }
      node = Overlays.copyOf(value);
    }
    String listType = f.get("listType");
    if (listType != null || f.has("listMapKeys") || f.has("patchMergeKey")) {
      if (node.type() != Type.ARRAY) {
        throw new IllegalStateException(where + ": list metadata on a non-list field");
      }
    }
    if (listType != null) {
      node.listType(listType);
    }
    if (f.has("listMapKeys")) {
      if (!"map".equals(listType)) {
        throw new IllegalStateException(where + ": listMapKeys need listType=map");
      }
      node.listMapKeys(f.list("listMapKeys"));
      checkFields(node.items(), node.listMapKeys(), where);
    }
    if (f.has("patchMergeKey")) {
      node.patchMergeKey(f.get("patchMergeKey"));
      if (node.items().type() == Type.OBJECT) {
        checkFields(node.items(), List.of(f.get("patchMergeKey")), where);
      }
    }
    if (f.has("patchStrategy")) {
      node.patchStrategy(f.get("patchStrategy"));
    }
    if (f.has("mapType")) {
      if (node.type() != Type.OBJECT) {
        throw new IllegalStateException(where + ": mapType on a non-object field");
      }
      node.mapType(f.get("mapType"));
    }
    if (f.has("default")) {
      node.defaultValue(FieldFacts.parseDefault(mapper, f.get("default")));
    }
    return node;
  }

  private static boolean hasFieldLevelAttribute(FieldFacts.Facts f) {
    for (String key : f.attributes().keySet()) {
      if (!key.equals("ref") && !key.equals("format") && !key.equals("omit")) {
        return true;
      }
    }
    return false;
  }

  private void applyTypeFacts(Schema node, FieldFacts.Facts f) {
    if (f == null) {
      return;
    }
    if (f.has("mapType")) {
      node.mapType(f.get("mapType"));
    }
    if (f.has("required")) {
      List<String> required = f.list("required");
      checkFields(node, required, node.name());
      required.forEach(node::require);
    }
    for (String key : f.attributes().keySet()) {
      if (!key.equals("mapType") && !key.equals("required")) {
        throw new IllegalStateException(f.source() + ": '" + key + "' is not a type attribute");
      }
    }
  }

  private static void checkFields(Schema object, List<String> fields, String where) {
    for (String field : fields) {
      if (object == null || object.property(field) == null) {
        throw new IllegalStateException(where + ": no field '" + field + "'");
      }
    }
  }

  private FieldFacts.Facts use(String component, String field) {
    FieldFacts.Facts f = field.equals(FieldFacts.TYPE_ROW) ? facts.type(component) : facts.field(component, field);
    if (f != null) {
      usedFacts.add(component + " " + field);
    }
    return f;
  }
}
