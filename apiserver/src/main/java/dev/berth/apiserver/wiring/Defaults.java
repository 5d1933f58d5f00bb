package dev.berth.apiserver.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.crd.CrdDefaults;
import dev.berth.api.crd.CrdValidation;
import dev.berth.api.fields.FieldSelectors;
import dev.berth.api.registry.ResourceDescriptor;
import dev.berth.api.fields.SelectableFields;
import dev.berth.api.kinds.KindStrategies;
import dev.berth.api.kinds.KindStrategy;
import dev.berth.api.schema.builtin.BuiltinSchemas;
import dev.berth.api.table.TablePrinters;
import dev.berth.apiserver.registry.Conversions;
import dev.berth.apiserver.registry.FieldTracker;
import dev.berth.apiserver.registry.KindSupport;
import dev.berth.apiserver.registry.RequestCodec;
import dev.berth.apiserver.registry.ResourceType;
import dev.berth.apiserver.registry.Selectors;
import dev.berth.apiserver.registry.StandardHooks;

/** The API machinery implementations the server runs with. */
public final class Defaults {

  private Defaults() {}

  public static KindSupport kinds(BuiltinSchemas builtins) {
    CustomResources custom = new CustomResources();
    return new KindSupport() {
      @Override
      public ResourceType typeFor(ResourceDescriptor d) {
        SelectableFields fields = FieldSelectors.forKind(d.group(), d.kind(), d.namespaced());
        return new ResourceType(d, strategyFor(d), StandardHooks.forDescriptor(d),
            TablePrinters.forKind(d.group(), d.kind()), fields, fields::values,
            () -> builtins.find(d.gvk()).orElse(null), Conversions.forDescriptor(d), false,
            d.hasSubresource("scale") ? ResourceType.ScaleMapping.APPS : null);
      }

      @Override
      public java.util.List<ResourceType> customTypes(ObjectNode crd) {
        return custom.typesFor(crd);
      }
    };
  }

  private static KindStrategy strategyFor(ResourceDescriptor d) {
    KindStrategy builtin = KindStrategies.forKind(d.group(), d.kind());
    if (!d.group().equals("apiextensions.k8s.io")) {
      return builtin;
    }
    return new KindStrategy() {
      @Override
      public void applyDefaults(ObjectNode obj) {
        CrdDefaults.apply(obj);
      }

      @Override
      public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
        builtin.prepareForUpdate(obj, old);
        dev.berth.apiserver.registry.Generations.bump(obj, old);
      }

      @Override
      public java.util.List<dev.berth.api.validation.FieldError> validateCreate(ObjectNode obj) {
        java.util.List<dev.berth.api.validation.FieldError> errors =
            new java.util.ArrayList<>(builtin.validateCreate(obj));
        errors.addAll(CrdValidation.validate(obj));
        return errors;
      }

      @Override
      public java.util.List<dev.berth.api.validation.FieldError> validateUpdate(ObjectNode obj,
          ObjectNode old) {
        java.util.List<dev.berth.api.validation.FieldError> errors =
            new java.util.ArrayList<>(builtin.validateUpdate(obj, old));
        errors.addAll(CrdValidation.validateUpdate(obj, old));
        return errors;
      }
    };
  }

  public static RequestCodec codec() {
    return new ApiCodec();
  }

  public static Selectors selectors() {
    return new ApiSelectors();
  }

  public static FieldTracker fieldTracker(java.time.Clock clock) {
    return new ApiFieldTracker(clock);
  }
}
