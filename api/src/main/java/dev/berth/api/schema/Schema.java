package dev.berth.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.meta.GroupVersionKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural schema node: the one description of a type's shape that validation (strict field
 * checking, CRD value validation), pruning, defaulting, OpenAPI publishing, strategic merge patch and
 * server-side apply all read. Built-in kinds get theirs from the model classes
 * ({@code BuiltinSchemas}), custom resources from their CRD's openAPIV3Schema.
 *
 * <p>Schemas form a graph that may contain cycles (JSONSchemaProps refers to itself); a node with a
 * {@link #name()} is a named component and is published as a {@code $ref}. Nodes are built with the
 * fluent setters and must not be changed once published to the registry.
 */
public final class Schema {

  /** The JSON shape of a value. */
  public enum Type {
    OBJECT, ARRAY, STRING, INTEGER, NUMBER, BOOLEAN,
    /** x-kubernetes-int-or-string: an integer or a string (IntOrString, Quantity). */
    INT_OR_STRING,
    /** Any JSON value (x-kubernetes-preserve-unknown-fields without a type, RawExtension). */
    ANY
  }

  private String name;
  private String description;
  private Type type = Type.ANY;
  private String format;
  private final Map<String, Schema> properties = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();
  private Schema additionalProperties;
  private Schema items;
  private boolean preserveUnknownFields;
  private boolean embeddedResource;
  private boolean nullable;
  private String listType;
  private final List<String> listMapKeys = new ArrayList<>();
  private String mapType;
  private String patchStrategy;
  private String patchMergeKey;
  private JsonNode defaultValue;
  private final List<JsonNode> enumValues = new ArrayList<>();
  private final List<GroupVersionKind> groupVersionKinds = new ArrayList<>();
  private Validations validations;

  public Schema() {}

  public Schema(Type type) {
    this.type = type;
  }

  public static Schema object() {
    return new Schema(Type.OBJECT);
  }

  public static Schema array(Schema items) {
    return new Schema(Type.ARRAY).items(items);
  }

  public static Schema string() {
    return new Schema(Type.STRING);
  }

  /** A map with string keys: an object whose every value follows {@code values}. */
  public static Schema mapOf(Schema values) {
    return new Schema(Type.OBJECT).additionalProperties(values);
  }

  /** The component name, e.g. {@code io.k8s.api.core.v1.PodSpec}; null for anonymous nodes. */
  public String name() {
    return name;
  }

  public Schema name(String name) {
    this.name = name;
    return this;
  }

  public String description() {
    return description;
  }

  public Schema description(String description) {
    this.description = description;
    return this;
  }

  public Type type() {
    return type;
  }

  public Schema type(Type type) {
    this.type = type;
    return this;
  }

  /** OpenAPI format: int32, int64, double, byte, date-time, ... */
  public String format() {
    return format;
  }

  public Schema format(String format) {
    this.format = format;
    return this;
  }

  /** Named fields of a struct-like object, in declaration order (live, mutable while building). */
  public Map<String, Schema> properties() {
    return properties;
  }

  public Schema property(String field, Schema schema) {
    properties.put(field, schema);
    return this;
  }

  public Schema property(String field) {
    return properties.get(field);
  }

  public Set<String> required() {
    return required;
  }

  public Schema require(String field) {
    required.add(field);
    return this;
  }

  /** For map-like objects: the schema of every value; null when the object is a struct. */
  public Schema additionalProperties() {
    return additionalProperties;
  }

  public Schema additionalProperties(Schema values) {
    this.additionalProperties = values;
    return this;
  }

  public boolean isMap() {
    return type == Type.OBJECT && additionalProperties != null;
  }

  public Schema items() {
    return items;
  }

  public Schema items(Schema items) {
    this.items = items;
    return this;
  }

  /** x-kubernetes-preserve-unknown-fields: fields not in {@link #properties()} are kept and not checked. */
  public boolean preserveUnknownFields() {
    return preserveUnknownFields;
  }

  public Schema preserveUnknownFields(boolean preserve) {
    this.preserveUnknownFields = preserve;
    return this;
  }

  /** x-kubernetes-embedded-resource: the value is an object with apiVersion, kind and metadata. */
  public boolean embeddedResource() {
    return embeddedResource;
  }

  public Schema embeddedResource(boolean embedded) {
    this.embeddedResource = embedded;
    return this;
  }

  public boolean nullable() {
    return nullable;
  }

  public Schema nullable(boolean nullable) {
    this.nullable = nullable;
    return this;
  }

  /** x-kubernetes-list-type: "atomic", "set" or "map"; null means atomic for server-side apply. */
  public String listType() {
    return listType;
  }

  public Schema listType(String listType) {
    this.listType = listType;
    return this;
  }

  /** x-kubernetes-list-map-keys, for {@code listType=map}. */
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  public Schema listMapKeys(List<String> keys) {
    listMapKeys.clear();
    listMapKeys.addAll(keys);
    return this;
  }

  /** x-kubernetes-map-type: "granular" (default) or "atomic". */
  public String mapType() {
    return mapType;
  }

  public Schema mapType(String mapType) {
    this.mapType = mapType;
    return this;
  }

  /** x-kubernetes-patch-strategy: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  public String patchStrategy() {
    return patchStrategy;
  }

  public Schema patchStrategy(String strategy) {
    this.patchStrategy = strategy;
    return this;
  }

  /** x-kubernetes-patch-merge-key: the field identifying list elements in strategic merge patch. */
  public String patchMergeKey() {
    return patchMergeKey;
  }

  public Schema patchMergeKey(String key) {
    this.patchMergeKey = key;
    return this;
  }

  public JsonNode defaultValue() {
    return defaultValue;
  }

  public Schema defaultValue(JsonNode value) {
    this.defaultValue = value;
    return this;
  }

  public List<JsonNode> enumValues() {
    return enumValues;
  }

  /** x-kubernetes-group-version-kind: the kinds whose top-level schema this is. */
  public List<GroupVersionKind> groupVersionKinds() {
    return groupVersionKinds;
  }

  public Schema groupVersionKind(GroupVersionKind gvk) {
    groupVersionKinds.add(gvk);
    return this;
  }

  /** Value constraints (CRD schemas only); null when there are none. */
  public Validations validations() {
    return validations;
  }

  public Schema validations(Validations v) {
    this.validations = v;
    return this;
  }

  @Override
  public String toString() {
    return "Schema{" + (name != null ? name + ", " : "") + type + "}";
  }
}
