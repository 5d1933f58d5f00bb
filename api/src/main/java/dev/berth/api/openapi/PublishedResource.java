package dev.berth.api.openapi;

import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.schema.Schema;
import java.util.List;

/**
 * A resource as it appears in the documents: built-in schemas as given; custom resource schemas
 * wrapped so that they carry their component name, their GroupVersionKind and ObjectMeta as
 * metadata (the CRD's openAPIV3Schema describes metadata loosely), with a synthesised list kind.
 * The caller's schemas are never modified: the wrapper is a shallow copy.
 */
record PublishedResource(OpenApiResource source, Schema schema, Schema listSchema) {

  static PublishedResource of(OpenApiResource r, java.util.function.Function<String, Schema> shared) {
    if (r.strategicMergePatch()) {
      if (r.listSchema() == null && r.verbs().contains("list")) {
        throw new IllegalArgumentException("built-in resource " + r.plural() + " needs its list schema");
      }
      return new PublishedResource(r, r.schema(), r.listSchema());
    }
    GroupVersionKind gvk = r.gvk();
    String name = r.schema().name() != null ? r.schema().name() : OpenApiPaths.customComponentName(gvk);
    Schema top = new Schema(Schema.Type.OBJECT)
        .name(name)
        .description(r.schema().description())
        .preserveUnknownFields(r.schema().preserveUnknownFields())
        .validations(r.schema().validations())
        .groupVersionKind(gvk);
    top.property("apiVersion", Schema.string().description(
        "APIVersion defines the versioned schema of this representation of an object."));
    top.property("kind", Schema.string().description(
        "Kind is a string value representing the REST resource this object represents."));
    top.property("metadata", required(shared, DocumentBuilder.OBJECT_META));
    r.schema().properties().forEach((field, value) -> {
      if (!field.equals("apiVersion") && !field.equals("kind") && !field.equals("metadata")) {
        top.property(field, value);
      }
    });
    top.required().addAll(r.schema().required());
    Schema list = r.listSchema();
    if (list == null) {
      GroupVersionKind listGvk = new GroupVersionKind(gvk.group(), gvk.version(), gvk.kind() + "List");
      list = new Schema(Schema.Type.OBJECT).name(name + "List").groupVersionKind(listGvk);
      list.property("apiVersion", Schema.string());
      list.property("items", Schema.array(top).description("List of " + gvk.kind().toLowerCase(java.util.Locale.ROOT) + "s."));
      list.property("kind", Schema.string());
      list.property("metadata", required(shared, DocumentBuilder.LIST_META));
      list.require("items");
    }
    return new PublishedResource(r, top, list);
  }

  private static Schema required(java.util.function.Function<String, Schema> shared, String name) {
    Schema s = shared.apply(name);
    if (s == null) {
      throw new IllegalStateException("shared component " + name + " is not available");
    }
    return s;
  }

  /** A subresource schema as published: the resource's own schema maps to its published form. */
  Schema published(Schema schema) {
    return schema == source.schema() ? this.schema : schema;
  }

  GroupVersionKind gvk() {
    return source.gvk();
  }

  String plural() {
    return source.plural();
  }

  boolean namespaced() {
    return source.namespaced();
  }

  List<String> verbs() {
    return source.verbs();
  }

  List<OpenApiSubresource> subresources() {
    return source.subresources();
  }

  boolean strategicMergePatch() {
    return source.strategicMergePatch();
  }
}
