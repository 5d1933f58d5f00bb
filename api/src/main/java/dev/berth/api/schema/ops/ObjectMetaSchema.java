package dev.berth.api.schema.ops;

import dev.berth.api.schema.Schema;
import dev.berth.api.schema.Schema.Type;

/**
 * The structural schema of {@code metav1.ObjectMeta}, which every resource's {@code metadata} follows
 * whatever its own schema says (a CRD may only restrict {@code name} and {@code generateName}). The
 * field checker and the pruner use it for top-level and embedded metadata.
 */
public final class ObjectMetaSchema {

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private ObjectMetaSchema() {}

  /** A fresh ObjectMeta schema (a new graph each call: schemas are mutable while being built). */
  public static Schema create() {
    Schema time = Schema.string().format("date-time").name(META + "Time");
    Schema ownerReference = Schema.object().name(META + "OwnerReference")
        .property("apiVersion", Schema.string())
        .property("kind", Schema.string())
        .property("name", Schema.string())
        .property("uid", Schema.string())
        .property("controller", new Schema(Type.BOOLEAN))
        .property("blockOwnerDeletion", new Schema(Type.BOOLEAN))
        .require("apiVersion").require("kind").require("name").require("uid");
    Schema managedFields = Schema.object().name(META + "ManagedFieldsEntry")
        .property("manager", Schema.string())
        .property("operation", Schema.string())
        .property("apiVersion", Schema.string())
        .property("time", time)
        .property("fieldsType", Schema.string())
        .property("fieldsV1", new Schema(Type.ANY).name(META + "FieldsV1").preserveUnknownFields(true))
        .property("subresource", Schema.string());
    return Schema.object().name(META + "ObjectMeta")
        .property("name", Schema.string())
        .property("generateName", Schema.string())
        .property("namespace", Schema.string())
        .property("selfLink", Schema.string())
        .property("uid", Schema.string())
        .property("resourceVersion", Schema.string())
        .property("generation", new Schema(Type.INTEGER).format("int64"))
        .property("creationTimestamp", time)
        .property("deletionTimestamp", time)
        .property("deletionGracePeriodSeconds", new Schema(Type.INTEGER).format("int64"))
        .property("labels", Schema.mapOf(Schema.string()))
        .property("annotations", Schema.mapOf(Schema.string()))
        .property("ownerReferences", Schema.array(ownerReference).listType("map")
            .listMapKeys(java.util.List.of("uid")).patchStrategy("merge").patchMergeKey("uid"))
        .property("finalizers", Schema.array(Schema.string()).listType("set")
            .patchStrategy("merge"))
        .property("managedFields", Schema.array(managedFields));
  }
}
