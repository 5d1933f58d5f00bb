package dev.berth.apiserver.registry;

import dev.berth.api.registry.ResourceDescriptor;

/** Binds the behaviour of the api module's kind support to a descriptor, making a ResourceType. */
public interface KindSupport {

  ResourceType typeFor(ResourceDescriptor descriptor);
}
