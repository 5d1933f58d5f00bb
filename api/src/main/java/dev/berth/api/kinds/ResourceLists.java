package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.Quantity;
import java.util.Set;

/** Resource names and {@code ResourceList} maps ({@code cpu: 100m}): defaulting and validation. */
final class ResourceLists {

  private ResourceLists() {}

  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims",
      "configmaps", "services.nodeports", "services.loadbalancers", "storage", "requests.storage");
  private static final Set<String> STANDARD_CONTAINER = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> STANDARD_QUOTA = Set.of("pods", "services", "replicationcontrollers",
      "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
      "services.loadbalancers", "storage", "requests.storage", "cpu", "memory", "ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage");
  private static final Set<String> INTEGER = Set.of("pods", "resourcequotas", "services",
      "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
      "services.loadbalancers");

  /**
   * Upstream's ResourceList defaulting: every quantity is rounded up to milli precision, and (as any typed
   * server re-serializes it) printed in canonical form ({@code 1024Mi} becomes {@code 1Gi}).
   */
  static void defaultList(ObjectNode parent, String field) {
    JsonNode list = Nodes.get(parent, field);
    if (!(list instanceof ObjectNode o)) {
      return;
    }
    for (var e : o.properties()) {
      JsonNode v = e.getValue();
      if (v.isTextual() || v.isNumber()) {
        Quantity.tryParse(Nodes.text(v)).ifPresent(q -> e.setValue(Nodes.FACTORY.textNode(q.roundUpToMillis().toString())));
      }
    }
  }

  /** Prints one Quantity field canonically (no rounding), when it parses. */
  static void canonicalize(ObjectNode parent, String field) {
    JsonNode v = Nodes.get(parent, field);
    if (v != null && (v.isTextual() || v.isNumber())) {
      Quantity.tryParse(Nodes.text(v)).ifPresent(q -> parent.put(field, q.toString()));
    }
  }

  /** Parses the quantity at {@code path}, adding upstream's decode error when it does not parse. */
  static Quantity parse(JsonNode value, FieldPath path, FieldErrorList errs) {
    String text = Nodes.text(value);
    if (value == null || !(value.isTextual() || value.isNumber())) {
      errs.invalid(path, Nodes.orNull(value), Quantity.FORMAT_ERROR);
      return null;
    }
    String msg = Quantity.validate(text);
    if (msg != null) {
      errs.invalid(path, text, msg);
      return null;
    }
    return Quantity.parse(text);
  }

  static boolean isNative(String name) {
    return name.indexOf('/') < 0 || name.contains("kubernetes.io/");
  }

  static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith("requests.")) {
      return false;
    }
    return Formats.qualifiedName("requests." + name).isEmpty();
  }

  /** CPU, memory and other native resources may be overcommitted; extended resources and hugepages not. */
  static boolean overcommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }

  static boolean isInteger(String name) {
    return INTEGER.contains(name) || isExtended(name) || name.startsWith("count/");
  }

  /** Non-negative, and whole for countable resources. */
  static void validateQuantityValue(String resource, Quantity q, FieldPath path, FieldErrorList errs) {
    if (q.signum() < 0) {
      errs.invalid(path, q.toString(), "must be greater than or equal to 0");
    }
    if (isInteger(resource) && !q.isInteger()) {
      errs.invalid(path, q.toString(), "must be an integer");
    }
  }

  /** validateResourceName: qualified, and standard when unprefixed. Returns false when it reported errors. */
  static boolean validateResourceName(String name, FieldPath path, FieldErrorList errs) {
    var msgs = Formats.qualifiedName(name);
    if (!msgs.isEmpty()) {
      errs.invalidEach(path, name, msgs);
      return false;
    }
    if (name.indexOf('/') < 0 && !(STANDARD.contains(name) || isQuotaHugePages(name))) {
      errs.invalid(path, name, "must be a standard resource type or fully qualified");
      return false;
    }
    return true;
  }

  /** Whether {@code name} passes validateResourceName, without reporting anything. */
  static boolean validateResourceNameQuiet(String name) {
    return validateResourceName(name, FieldPath.of("_"), new FieldErrorList());
  }

  private static boolean isQuotaHugePages(String name) {
    return name.startsWith("hugepages-") || name.startsWith("requests.hugepages-");
  }

  static void validateContainerResourceName(String name, FieldPath path, FieldErrorList errs) {
    validateResourceName(name, path, errs);
    if (name.indexOf('/') < 0) {
      if (!(STANDARD_CONTAINER.contains(name) || isHugePages(name))) {
        errs.invalid(path, name, "must be a standard resource for containers");
      }
    } else if (!isNative(name) && !isExtended(name)) {
      errs.invalid(path, name, "doesn't follow extended resource name standard");
    }
  }

  static void validateQuotaResourceName(String name, FieldPath path, FieldErrorList errs) {
    validateResourceName(name, path, errs);
    if (name.indexOf('/') < 0 && !(STANDARD_QUOTA.contains(name) || isQuotaHugePages(name))) {
      errs.invalid(path, name, "must be a standard resource for quota");
    }
  }

  /**
   * A container's (or pod overhead's) {@code resources}: names, quantities, requests within limits, and
   * the rules for non-overcommittable resources.
   */
  static void validateRequirements(JsonNode resources, FieldPath path, FieldErrorList errs) {
    if (resources == null || !resources.isObject()) {
      return;
    }
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    JsonNode limits = Nodes.get(resources, "limits");
    JsonNode requests = Nodes.get(resources, "requests");
    boolean limCpuMem = false;
    boolean reqCpuMem = false;
    boolean hugePages = false;
    java.util.Map<String, Quantity> parsedLimits = new java.util.HashMap<>();
    if (limits != null && limits.isObject()) {
      for (var e : limits.properties()) {
        FieldPath p = limPath.key(e.getKey());
        validateContainerResourceName(e.getKey(), p, errs);
        Quantity q = parse(e.getValue(), p, errs);
        if (q != null) {
          validateQuantityValue(e.getKey(), q, p, errs);
          parsedLimits.put(e.getKey(), q);
        }
        hugePages |= isHugePages(e.getKey());
        limCpuMem |= e.getKey().equals("cpu") || e.getKey().equals("memory");
      }
    }
    if (requests != null && requests.isObject()) {
      for (var e : requests.properties()) {
        String name = e.getKey();
        FieldPath p = reqPath.key(name);
        validateContainerResourceName(name, p, errs);
        Quantity q = parse(e.getValue(), p, errs);
        if (q != null) {
          validateQuantityValue(name, q, p, errs);
          Quantity limit = parsedLimits.get(name);
          if (limit != null) {
            if (q.compareTo(limit) != 0 && !overcommitAllowed(name)) {
              errs.invalid(reqPath, q.toString(), "must be equal to " + name + " limit of " + limit);
            } else if (q.compareTo(limit) > 0) {
              errs.invalid(reqPath, q.toString(), "must be less than or equal to " + name + " limit of " + limit);
            }
          } else if (!overcommitAllowed(name) && !(limits != null && limits.has(name))) {
            errs.required(limPath, "Limit must be set for non overcommitable resources");
          }
        }
        hugePages |= isHugePages(name);
        reqCpuMem |= name.equals("cpu") || name.equals("memory");
      }
    }
    if (hugePages && !limCpuMem && !reqCpuMem) {
      errs.forbidden(path, "HugePages require cpu or memory");
    }
  }
}
