package dev.berth.api.registry;

import dev.berth.api.meta.GroupVersionKind;
import java.util.List;

/**
 * A subresource as discovery publishes it, e.g. {@code deployments/scale} answering with
 * autoscaling/v1 Scale.
 *
 * @param responseKind the kind the subresource reads and writes
 */
public record SubresourceDescriptor(String name, GroupVersionKind responseKind, List<String> verbs) {}
