package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.crd.CrdSchemas;
import dev.berth.api.fields.FieldSelectors;
import dev.berth.api.fields.SelectableFields;
import dev.berth.api.kinds.KindStrategies;
import dev.berth.api.kinds.KindStrategy;
import dev.berth.api.meta.GroupResource;
import dev.berth.api.registry.BuiltinResources;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.ops.SchemaDefaulter;
import dev.berth.api.schema.ops.SchemaValidator;
import dev.berth.api.table.TablePrinter;
import dev.berth.api.table.TablePrinters;
import dev.berth.api.validation.FieldError;
import dev.berth.apiserver.registry.Generations;
import dev.berth.apiserver.registry.KindHooks;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.StandardHooks;
import dev.berth.apiserver.registry.VersionConverter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a CustomResourceDefinition into the resources it serves: names, scope and subresources
 * from its spec, the version's openAPIV3Schema for pruning, defaulting and validation, its printer
 * columns and selectable fields, and apiVersion-only conversion to the storage version.
 */
final class CustomResources {

  private static final SchemaValidator VALIDATOR = new SchemaValidator();


  List<ResourceType> typesFor(ObjectNode crd) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText();
    String plural = names.path("plural").asText();
    String singular = names.path("singular").asText(kind.toLowerCase(java.util.Locale.ROOT));
    boolean namespaced = !spec.path("scope").asText("Namespaced").equals("Cluster");
    String storageVersion = null;
    for (JsonNode v : spec.path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        storageVersion = v.path("name").asText();
      }
    }
    if (group.isEmpty() || kind.isEmpty() || plural.isEmpty() || storageVersion == null) {
      return List.of();
    }
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(false)) {
        continue;
      }
      String version = v.path("name").asText();
      BuiltinResources.Builder b = new BuiltinResources.Builder(group, version, kind, plural)
          .singular(singular).namespaced(namespaced)
          .shortNames(texts(names.path("shortNames")))
          .categories(texts(names.path("categories")))
          .generation()
          .storage(new GroupResource(group, plural), storageVersion);
      JsonNode subs = v.path("subresources");
      boolean status = subs.has("status");
      if (status) {
        b.status();
      }
      ResourceType.ScaleMapping scale = null;
      if (subs.has("scale")) {
        b.scale();
        JsonNode s = subs.get("scale");
        scale = new ResourceType.ScaleMapping(s.path("specReplicasPath").asText(),
            s.path("statusReplicasPath").asText(),
            s.hasNonNull("labelSelectorPath") ? s.get("labelSelectorPath").asText() : null, false);
      }
      ResourceDescriptor d = b.build();
      Schema schema = CrdSchemas.forVersion(crd, version);
      List<TablePrinters.PrinterColumn> columns = new ArrayList<>();
      for (JsonNode c : v.path("additionalPrinterColumns")) {
        columns.add(TablePrinters.PrinterColumn.fromJson(c));
      }
      TablePrinter printer = TablePrinters.forCustomResource(columns);
      List<String> selectable = new ArrayList<>();
      for (JsonNode f : v.path("selectableFields")) {
        selectable.add(f.path("jsonPath").asText());
      }
      SelectableFields fields;
      try {
        fields = FieldSelectors.forCustomResource(namespaced, selectable);
      } catch (IllegalArgumentException e) {
        fields = FieldSelectors.forCustomResource(namespaced, List.of());
      }
      KindHooks hooks = status ? StandardHooks.RESET_STATUS : KindHooks.NONE;
      types.add(new ResourceType(d, strategy(schema, group, kind), hooks, printer, fields,
          fields::values, () -> schema,
          VersionConverter.apiVersionOnly(d.apiVersion(), group + "/" + storageVersion), true,
          scale));
    }
    return types;
  }

  private KindStrategy strategy(Schema schema, String group, String kind) {
    // unknown kinds get ObjectMeta rules only, which is what custom resources need
    KindStrategy meta = KindStrategies.forKind(group, kind);
    return new KindStrategy() {
      @Override
      public void applyDefaults(ObjectNode obj) {
        if (schema != null) {
          SchemaDefaulter.apply(obj, schema);
        }
      }

      @Override
      public void prepareForCreate(ObjectNode obj) {
        meta.prepareForCreate(obj);
      }

      @Override
      public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
        Generations.bump(obj, old);
      }

      @Override
      public List<FieldError> validateCreate(ObjectNode obj) {
        return validate(obj, meta.validateCreate(obj));
      }

      @Override
      public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        return validate(obj, meta.validateUpdate(obj, old));
      }

      private List<FieldError> validate(ObjectNode obj, List<FieldError> metaErrors) {
        List<FieldError> errors = new ArrayList<>(metaErrors);
        if (schema != null) {
          errors.addAll(VALIDATOR.validate(obj, schema));
        }
        return errors;
      }
    };
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
