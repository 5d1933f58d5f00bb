package dev.berth.api.schema.builtin;

import dev.berth.api.meta.GroupVersionKind;

/**
 * A built-in kind and the fabric8 model class its schema is derived from.
 *
 * @param gvk the kind
 * @param modelClassName the fabric8 class ({@code io.fabric8.kubernetes.api.model.Pod}); named, not
 *     loaded, so that using the cached schemas does not load the model classes
 * @param list whether this is a list kind ({@code PodList})
 */
public record BuiltinKind(GroupVersionKind gvk, String modelClassName, boolean list) {}
