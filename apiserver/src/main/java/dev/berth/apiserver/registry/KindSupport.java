package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.registry.ResourceDescriptor;
import java.util.List;

/** Binds the behaviour of the api module's kind support to resources, making ResourceTypes. */
public interface KindSupport {

  /** A built-in resource. */
  ResourceType typeFor(ResourceDescriptor descriptor);

  /** The resources a CustomResourceDefinition serves: one per served version. */
  default List<ResourceType> customTypes(ObjectNode crd) {
    return List.of();
  }
}
