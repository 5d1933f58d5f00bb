package dev.berth.api.registry;

import dev.berth.api.meta.GroupResource;
import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.meta.GroupVersionResource;
import java.util.List;
import java.util.Map;

/**
 * What the API knows about one resource in one group-version: the names discovery publishes, its
 * scope, verbs and subresources, and where and how it is stored. Pure data; behaviour (defaulting,
 * validation, printing) is looked up by kind elsewhere.
 *
 * @param storage the resource whose storage this one shares (events.k8s.io events are stored with
 *     core events; autoscaling/v1 and v2 HPAs share one storage); equals {@link #groupResource()}
 *     for most resources
 * @param storageVersion the version objects are kept in, when several versions share storage
 * @param tracksGeneration whether spec changes bump {@code metadata.generation}
 */
public record ResourceDescriptor(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    Map<String, SubresourceDescriptor> subresources,
    GroupResource storage,
    String storageVersion,
    boolean tracksGeneration) {

  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public GroupVersionKind gvk() {
    return new GroupVersionKind(group, version, kind);
  }

  public GroupVersion groupVersion() {
    return new GroupVersion(group, version);
  }

  public GroupVersionResource gvr() {
    return new GroupVersionResource(group, version, plural);
  }

  public GroupResource groupResource() {
    return new GroupResource(group, plural);
  }

  public String apiVersion() {
    return groupVersion().toString();
  }

  public String listKind() {
    return kind + "List";
  }

  public boolean hasSubresource(String name) {
    return subresources.containsKey(name);
  }

  public boolean hasStatus() {
    return subresources.containsKey("status");
  }

  public boolean supports(String verb) {
    return verbs.contains(verb);
  }
}
