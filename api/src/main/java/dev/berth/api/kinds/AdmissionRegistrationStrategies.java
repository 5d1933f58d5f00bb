package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.LabelSelectors;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration and MutatingWebhookConfiguration. */
final class AdmissionRegistrationStrategies {

  private AdmissionRegistrationStrategies() {}

  /** Both webhook configuration kinds; {@code mutating} adds reinvocationPolicy. */
  static final class WebhookConfigurationStrategy extends AbstractKindStrategy {
    private final boolean mutating;

    WebhookConfigurationStrategy(boolean mutating) {
      super(Scope.CLUSTER, NameRule.DNS_SUBDOMAIN);
      this.mutating = mutating;
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.eachObject(obj, "webhooks", (i, w) -> {
        Nodes.defaultText(w, "failurePolicy", "Fail");
        Nodes.defaultText(w, "matchPolicy", "Equivalent");
        if (!(Nodes.get(w, "namespaceSelector") instanceof ObjectNode)) {
          w.putObject("namespaceSelector");
        }
        if (!(Nodes.get(w, "objectSelector") instanceof ObjectNode)) {
          w.putObject("objectSelector");
        }
        Nodes.defaultLong(w, "timeoutSeconds", 10);
        if (mutating) {
          Nodes.defaultText(w, "reinvocationPolicy", "Never");
        }
        Nodes.eachObject(w, "rules", (j, r) -> Nodes.defaultText(r, "scope", "*"));
        if (Nodes.get(Nodes.get(w, "clientConfig"), "service") instanceof ObjectNode svc) {
          Nodes.defaultLong(svc, "port", 443);
        }
      });
    }

    @Override
    boolean tracksGeneration() {
      return true;
    }

    @Override
    JsonNode desiredState(ObjectNode obj) {
      return Nodes.get(obj, "webhooks");
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath wp = FieldPath.of("webhooks");
      Set<String> names = new HashSet<>();
      Nodes.eachObject(obj, "webhooks", (i, w) -> {
        FieldPath p = wp.index(i);
        String name = Nodes.text(w, "name");
        if (!names.add(name)) {
          errs.duplicate(p.child("name"), name);
        }
        validateWebhookName(name, p.child("name"), errs);
        JsonNode versions = Nodes.get(w, "admissionReviewVersions");
        FieldPath vp = p.child("admissionReviewVersions");
        if (versions == null || versions.isEmpty()) {
          errs.required(vp, "must specify one of v1, v1beta1");
        } else {
          boolean known = false;
          Set<String> seen = new HashSet<>();
          for (int k = 0; k < versions.size(); k++) {
            String v = Nodes.text(versions.get(k));
            known |= v.equals("v1") || v.equals("v1beta1");
            if (!seen.add(v)) {
              errs.invalid(vp.index(k), v, "duplicate version");
            }
            if (v.isEmpty()) {
              errs.required(vp.index(k), "");
            } else {
              errs.invalidEach(vp.index(k), v, Formats.dns1035Label(v));
            }
          }
          if (!known) {
            errs.invalid(vp, versions, "must include at least one of v1, v1beta1");
          }
        }
        FieldPath rp = p.child("rules");
        Nodes.eachObject(w, "rules", (j, r) -> validateRule(r, rp.index(j), errs));
        JsonNode fp = Nodes.get(w, "failurePolicy");
        if (fp != null && !Set.of("Ignore", "Fail").contains(Nodes.text(fp))) {
          errs.notSupported(p.child("failurePolicy"), Nodes.text(fp), "Fail", "Ignore");
        }
        JsonNode mp = Nodes.get(w, "matchPolicy");
        if (mp != null && !Set.of("Exact", "Equivalent").contains(Nodes.text(mp))) {
          errs.notSupported(p.child("matchPolicy"), Nodes.text(mp), "Equivalent", "Exact");
        }
        JsonNode se = Nodes.get(w, "sideEffects");
        if (se == null) {
          errs.required(p.child("sideEffects"), "must specify one of None, NoneOnDryRun");
        } else if (!Set.of("None", "NoneOnDryRun").contains(Nodes.text(se))) {
          errs.notSupported(p.child("sideEffects"), Nodes.text(se), "None", "NoneOnDryRun");
        }
        JsonNode timeout = Nodes.get(w, "timeoutSeconds");
        if (timeout != null && (timeout.asLong() > 30 || timeout.asLong() < 1)) {
          errs.invalid(p.child("timeoutSeconds"), timeout.asLong(), "the timeout value must be between 1 and 30 seconds");
        }
        if (mutating) {
          JsonNode rp2 = Nodes.get(w, "reinvocationPolicy");
          if (rp2 != null && !Set.of("Never", "IfNeeded").contains(Nodes.text(rp2))) {
            errs.notSupported(p.child("reinvocationPolicy"), Nodes.text(rp2), "IfNeeded", "Never");
          }
        }
        LabelSelectors.validate(Nodes.get(w, "namespaceSelector"), p.child("namespaceSelector"), errs);
        LabelSelectors.validate(Nodes.get(w, "objectSelector"), p.child("objectSelector"), errs);
        validateClientConfig(Nodes.get(w, "clientConfig"), p.child("clientConfig"), errs);
      });
    }

    private static void validateWebhookName(String name, FieldPath p, FieldErrorList errs) {
      if (name.isEmpty()) {
        errs.required(p, "");
        return;
      }
      List<String> msgs = Formats.dns1123Subdomain(name);
      if (!msgs.isEmpty()) {
        errs.invalid(p, name, String.join(",", msgs));
      } else if (name.split("\\.").length < 3) {
        errs.invalid(p, name, "should be a domain with at least three segments separated by dots");
      }
    }

    private static void validateRule(JsonNode rule, FieldPath p, FieldErrorList errs) {
      for (String f : List.of("operations", "apiGroups", "apiVersions", "resources")) {
        if (Nodes.size(rule, f) == 0) {
          errs.required(p.child(f), "");
        }
      }
      JsonNode ops = Nodes.get(rule, "operations");
      if (ops != null && ops.isArray()) {
        for (int i = 0; i < ops.size(); i++) {
          String op = Nodes.text(ops.get(i));
          if (!Set.of("*", "CREATE", "UPDATE", "DELETE", "CONNECT").contains(op)) {
            errs.notSupported(p.child("operations").index(i), op, "*", "CONNECT", "CREATE", "DELETE", "UPDATE");
          }
        }
      }
      JsonNode scope = Nodes.get(rule, "scope");
      if (scope != null && !Set.of("*", "Cluster", "Namespaced").contains(Nodes.text(scope))) {
        errs.notSupported(p.child("scope"), Nodes.text(scope), "*", "Cluster", "Namespaced");
      }
    }

    private static void validateClientConfig(JsonNode config, FieldPath p, FieldErrorList errs) {
      JsonNode url = Nodes.get(config, "url");
      JsonNode service = Nodes.get(config, "service");
      if ((url == null) == (service == null)) {
        errs.required(p, "exactly one of url or service is required");
        return;
      }
      if (url != null) {
        String u = Nodes.text(url);
        FieldPath up = p.child("url");
        try {
          URI uri = new URI(u);
          if (!"https".equals(uri.getScheme())) {
            errs.invalid(up, u, "'https' is the only allowed URL scheme");
          }
          if (uri.getHost() == null || uri.getHost().isEmpty()) {
            errs.invalid(up, u, "host must be specified");
          }
          if (uri.getRawUserInfo() != null) {
            errs.invalid(up, u, "user information is not permitted in the URL");
          }
          if (uri.getRawFragment() != null) {
            errs.invalid(up, u, "fragments are not permitted in the URL");
          }
          if (uri.getRawQuery() != null) {
            errs.invalid(up, u, "query parameters are not permitted in the URL");
          }
        } catch (java.net.URISyntaxException e) {
          errs.invalid(up, u, "url must be a valid URL: " + e.getReason());
        }
      } else {
        FieldPath sp = p.child("service");
        String name = Nodes.text(service, "name");
        String namespace = Nodes.text(service, "namespace");
        if (name.isEmpty()) {
          errs.required(sp.child("name"), "service name is required");
        } else {
          errs.invalidEach(sp.child("name"), name, Formats.dns1035Label(name));
        }
        if (namespace.isEmpty()) {
          errs.required(sp.child("namespace"), "service namespace is required");
        } else {
          errs.invalidEach(sp.child("namespace"), namespace, Formats.dns1123Label(namespace));
        }
        JsonNode port = Nodes.get(service, "port");
        if (port != null) {
          Formats.portNumber(port.asLong()).forEach(m -> errs.invalid(sp.child("port"), port.asLong(), m));
        }
        JsonNode path = Nodes.get(service, "path");
        if (path != null && !Nodes.text(path).startsWith("/")) {
          errs.invalid(sp.child("path"), Nodes.text(path), "must start with a '/'");
        }
      }
    }
  }
}
