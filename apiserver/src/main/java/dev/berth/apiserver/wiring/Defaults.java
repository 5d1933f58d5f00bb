package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.fields.FieldSelectors;
import dev.berth.api.fields.SelectableFields;
import dev.berth.api.table.TablePrinters;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import dev.berth.api.status.ApiErrors;
import dev.berth.apiserver.cache.ObjectIndexer;
import dev.berth.apiserver.registry.FieldTracker;
import dev.berth.apiserver.registry.KindSupport;
import dev.berth.apiserver.registry.ObjectStrategy;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.Selectors;
import dev.berth.apiserver.registry.StandardHooks;
import dev.berth.apiserver.registry.VersionConverter;
import dev.berth.apiserver.util.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The API machinery implementations the server runs with. */
public final class Defaults {

  private Defaults() {}

  public static KindSupport kinds(BuiltinSchemas builtins) {
    return d -> {
      SelectableFields fields = FieldSelectors.forKind(d.group(), d.kind(), d.namespaced());
      return new ResourceType(d, ObjectStrategy.NONE, StandardHooks.forDescriptor(d),
          TablePrinters.forKind(d.group(), d.kind()), fields, fields::values,
          () -> builtins.find(d.gvk()).orElse(null),
          dev.berth.apiserver.registry.Conversions.forDescriptor(d), false,
          d.hasSubresource("scale") ? ResourceType.ScaleMapping.APPS : null);
    };
  }

  public static RequestCodec codec() {
    return new RequestCodec() {
      @Override
      public Decoded decode(String mediaType, byte[] body) {
        try {
          JsonNode n = Json.MAPPER.readTree(body);
          return new Decoded(n, List.of());
        } catch (IOException e) {
          throw ApiErrors.badRequest("malformed body: " + e.getMessage());
        }
      }

      @Override
      public List<String> checkAndPrune(ResourceType type, ObjectNode obj) {
        return List.of();
      }

      @Override
      public ObjectNode patch(ResourceType type, String patchType, ObjectNode current,
          JsonNode patch) {
        return Patches.apply(type, patchType, current, patch);
      }
    };
  }

  public static Selectors selectors() {
    return new ApiSelectors();
  }

  public static FieldTracker fieldTracker() {
    return new FieldTracker() {
      @Override
      public ObjectNode update(ResourceType type, ObjectNode old, ObjectNode updated,
          String manager, String subresource) {
        return updated;
      }

      @Override
      public ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied,
          String manager, boolean force, String subresource) {
        throw ApiErrors.unsupportedMediaType("application/apply-patch+yaml");
      }
    };
  }
}
