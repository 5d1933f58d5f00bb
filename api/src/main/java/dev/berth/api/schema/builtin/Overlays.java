package dev.berth.api.schema.builtin;

import dev.berth.api.schema.Schema;
import java.util.ArrayList;

/**
 * Per-field views of shared components. Upstream attaches some metadata to a field whose type is a
 * shared struct (DeploymentSpec.strategy has patch strategy retainKeys, PersistentVolumeSpec.claimRef
 * is a granular ObjectReference). Such a field gets a copy of the finished component that carries
 * the extra attributes, so the component's other users are unaffected. The copy keeps the
 * component's name; publishers recognise it as a view because it is not the canonical node.
 */
final class Overlays {

  private Overlays() {}

  /** A shallow copy of a finished component: same children, own field-level attributes. */
  static Schema copyOf(Schema canonical) {
    Schema copy = new Schema(canonical.type())
        .name(canonical.name())
        .description(canonical.description())
        .format(canonical.format())
        .additionalProperties(canonical.additionalProperties())
        .items(canonical.items())
        .preserveUnknownFields(canonical.preserveUnknownFields())
        .embeddedResource(canonical.embeddedResource())
        .nullable(canonical.nullable())
        .listType(canonical.listType())
        .listMapKeys(new ArrayList<>(canonical.listMapKeys()))
        .mapType(canonical.mapType())
        .patchStrategy(canonical.patchStrategy())
        .patchMergeKey(canonical.patchMergeKey())
        .defaultValue(canonical.defaultValue())
        .validations(canonical.validations());
    copy.properties().putAll(canonical.properties());
    copy.required().addAll(canonical.required());
    copy.enumValues().addAll(canonical.enumValues());
    return copy;
  }
}
