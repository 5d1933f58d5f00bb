package dev.berth.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.schema.Schema;
import dev.berth.api.schema.ops.Pruner;
import dev.berth.api.schema.ops.SchemaValidator;
import dev.berth.api.validation.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validation of {@code apiextensions.k8s.io/v1} CustomResourceDefinitions, following
 * apiextensions-apiserver's rules and texts (pkg/apis/apiextensions/validation and the structural
 * schema checks): the name is {@code <plural>.<group>}, the group is a domain with a dot, names are
 * DNS labels, scope is Namespaced or Cluster, exactly one version is the storage version, every
 * version has a structural schema (types everywhere, value validations that do not change the shape,
 * metadata restricted to name and generateName, defaults that are pruned and valid), subresources'
 * paths and printer columns are well formed, and the conversion strategy is None or a complete
 * Webhook. Run {@link CrdDefaults#apply} first, as the apiserver does. Field paths use upstream's
 * internal names (e.g. {@code spec.conversion.webhookClientConfig}), as its messages do.
 *
 * <p>Not covered: CEL compilation and cost estimation of {@code x-kubernetes-validations} (only their
 * shape is checked), status (acceptedNames, storedVersions and conditions are status concerns), and
 * the generic ObjectMeta rules other than the name.
 */
public final class CrdValidation {

  private static final List<String> PRINTER_TYPES =
      List.of("boolean", "date", "integer", "number", "string");
  private static final List<String> PRINTER_FORMATS =
      List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");
  private static final List<String> OPENAPI_TYPES =
      List.of("array", "boolean", "integer", "number", "object", "string");
  private static final Set<String> META_FIELDS = Set.of("metadata", "kind", "apiVersion");
  private static final List<String> ROOT_ALLOWED_WITH_STATUS = List.of("description", "type",
      "format", "title", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
      "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf", "required",
      "items", "properties", "externalDocs", "example", "x-kubernetes-preserve-unknown-fields",
      "x-kubernetes-validations");
  private static final String ROOT_ALLOWED_TEXT = "[Description Type Format Title Maximum "
      + "ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems "
      + "UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields "
      + "XValidations]";
  private static final List<String> VALIDATION_REASONS =
      List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired");
  private static final String APPROVAL_ANNOTATION = "api-approved.kubernetes.io";
  private static final Pattern NEWLINES = Pattern.compile("[\\n\\r]+");
  private static final int MAX_SELECTABLE_FIELDS = 8;

  private final List<FieldError> errors = new ArrayList<>();
  private final SchemaValidator values = new SchemaValidator();
  private final Pruner pruner = new Pruner();
  private final boolean requireSchemas;

  private CrdValidation(boolean requireSchemas) {
    this.requireSchemas = requireSchemas;
  }

  /** The problems of a CRD being created; empty when it is valid. */
  public static List<FieldError> validate(JsonNode crd) {
    CrdValidation v = new CrdValidation(true);
    v.all(crd, null);
    return v.errors;
  }

  /**
   * The problems of an update from {@code old} to {@code crd}: everything {@link #validate} checks
   * (relaxed where upstream does not tighten rules on stored objects: schemas stay optional if the
   * old object lacked one, preserveUnknownFields may stay true), plus immutability of the group and
   * plural, and of scope and kind once the CRD is Established.
   */
  public static List<FieldError> validateUpdate(JsonNode crd, JsonNode old) {
    CrdValidation v = new CrdValidation(allVersionsHaveSchemas(old));
    v.all(crd, old);
    JsonNode spec = crd.path("spec");
    JsonNode oldSpec = old.path("spec");
    if (established(old)) {
      v.immutable("spec.scope", spec.path("scope"), oldSpec.path("scope"));
      v.immutable("spec.names.kind", spec.path("names").path("kind"),
          oldSpec.path("names").path("kind"));
    }
    v.immutable("spec.group", spec.path("group"), oldSpec.path("group"));
    v.immutable("spec.names.plural", spec.path("names").path("plural"),
        oldSpec.path("names").path("plural"));
    return v.errors;
  }

  private void all(JsonNode crd, JsonNode old) {
    JsonNode spec = crd.path("spec");
    metadata(crd.path("metadata"), spec);
    spec(spec, old);
    apiApproval(crd);
    boolean oldPreserve = old != null && old.path("spec").path("preserveUnknownFields").asBoolean(false);
    if (!oldPreserve && spec.path("preserveUnknownFields").asBoolean(false)) {
      errors.add(FieldError.invalid("spec.preserveUnknownFields", BooleanNode.TRUE,
          "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in "
              + "spec.versions[*].schema instead"));
    }
  }

  // ---- metadata and names ----

  private void metadata(JsonNode meta, JsonNode spec) {
    String name = text(meta, "name");
    if (name.isEmpty() && text(meta, "generateName").isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else if (!name.isEmpty()) {
      for (String msg : DnsNames.dns1123Subdomain(name)) {
        errors.add(FieldError.invalid("metadata.name", name, msg));
      }
      String required = text(spec.path("names"), "plural") + "." + text(spec, "group");
      if (!name.equals(required)) {
        errors.add(FieldError.invalid("metadata.name", name,
            "must be spec.names.plural+\".\"+spec.group"));
      }
    }
    if (!text(meta, "namespace").isEmpty()) {
      errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
  }

  private void spec(JsonNode spec, JsonNode old) {
    String group = text(spec, "group");
    if (group.isEmpty()) {
      errors.add(FieldError.required("spec.group", ""));
    } else {
      List<String> errs = DnsNames.dns1123Subdomain(group);
      if (!errs.isEmpty()) {
        errors.add(FieldError.invalid("spec.group", group, String.join(",", errs)));
      } else if (!group.contains(".")) {
        errors.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
      }
    }
    enumString("spec.scope", spec.path("scope"), List.of("Cluster", "Namespaced"));

    JsonNode versions = spec.path("versions");
    boolean preserveUnknown = spec.path("preserveUnknownFields").asBoolean(false);
    if (requireSchemas) {
      for (int i = 0; i < versions.size(); i++) {
        if (!versions.get(i).path("schema").path("openAPIV3Schema").isObject()) {
          errors.add(FieldError.required(index("spec.versions", i) + ".schema.openAPIV3Schema",
              "schemas are required"));
        }
      }
    } else if (!preserveUnknown) {
      for (int i = 0; i < versions.size(); i++) {
        JsonNode v = versions.get(i);
        if (v.path("served").asBoolean(false) && !v.path("schema").path("openAPIV3Schema").isObject()) {
          errors.add(FieldError.required(index("spec.versions", i) + ".schema.openAPIV3Schema",
              "because otherwise all fields are pruned"));
        }
      }
    }
    if (hasDefaults(versions) && preserveUnknown) {
      errors.add(FieldError.invalid("spec.preserveUnknownFields", BooleanNode.TRUE,
          "must be false in order to use defaults in the schema"));
    }

    int storage = 0;
    Set<String> seen = new HashSet<>();
    boolean unique = true;
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      String vp = index("spec.versions", i);
      if (v.path("storage").asBoolean(false)) {
        storage++;
      }
      String name = text(v, "name");
      if (!seen.add(name)) {
        unique = false;
      }
      List<String> errs = DnsNames.dns1035Label(name);
      if (!errs.isEmpty()) {
        errors.add(FieldError.invalid(vp + ".name", name, String.join(",", errs)));
      }
      version(v, vp);
    }
    if (!unique) {
      errors.add(FieldError.invalid("spec.versions", versions, "must contain unique version names"));
    }
    if (storage != 1) {
      errors.add(FieldError.invalid("spec.versions", versions,
          "must have exactly one version marked as storage version"));
    }

    JsonNode names = spec.path("names");
    for (String required : List.of("plural", "singular", "kind", "listKind")) {
      if (text(names, required).isEmpty()) {
        errors.add(FieldError.required("spec.names." + required, ""));
      }
    }
    names(names, "spec.names");

    JsonNode conversion = spec.path("conversion");
    if (conversion.isObject()) {
      String strategy = text(conversion, "strategy");
      if (!strategy.isEmpty() && !strategy.equals("None") && preserveUnknown) {
        errors.add(FieldError.invalid("spec.conversion.strategy", strategy,
            "must be None if spec.preserveUnknownFields is true"));
      }
      conversion(conversion);
    }
  }

  private void names(JsonNode names, String path) {
    dns1035(path + ".plural", text(names, "plural"), null);
    dns1035(path + ".singular", text(names, "singular"), null);
    dns1035(path + ".kind", text(names, "kind"), "may have mixed case, but should otherwise match: ");
    dns1035(path + ".listKind", text(names, "listKind"),
        "may have mixed case, but should otherwise match: ");
    JsonNode shortNames = names.path("shortNames");
    for (int i = 0; i < shortNames.size(); i++) {
      String s = shortNames.get(i).asText();
      List<String> errs = DnsNames.dns1035Label(s);
      if (!errs.isEmpty()) {
        errors.add(FieldError.invalid(index(path + ".shortNames", i), s, String.join(",", errs)));
      }
    }
    String kind = text(names, "kind");
    if (!kind.isEmpty() && kind.equals(text(names, "listKind"))) {
      errors.add(FieldError.invalid(path + ".listKind", kind, "kind and listKind may not be the same"));
    }
    JsonNode categories = names.path("categories");
    for (int i = 0; i < categories.size(); i++) {
      String c = categories.get(i).asText();
      List<String> errs = DnsNames.dns1035Label(c);
      if (!errs.isEmpty()) {
        errors.add(FieldError.invalid(index(path + ".categories", i), c, String.join(",", errs)));
      }
    }
  }

  private void dns1035(String path, String value, String mixedCasePrefix) {
    if (value.isEmpty()) {
      return;
    }
    List<String> errs = DnsNames.dns1035Label(mixedCasePrefix != null
        ? value.toLowerCase(Locale.ROOT) : value);
    if (!errs.isEmpty()) {
      errors.add(FieldError.invalid(path, value,
          (mixedCasePrefix == null ? "" : mixedCasePrefix) + String.join(",", errs)));
    }
  }

  // ---- conversion ----

  private void conversion(JsonNode conversion) {
    String strategy = text(conversion, "strategy");
    enumString("spec.conversion.strategy", conversion.path("strategy"), List.of("None", "Webhook"));
    JsonNode webhook = conversion.path("webhook");
    JsonNode clientConfig = webhook.path("clientConfig");
    JsonNode reviewVersions = webhook.path("conversionReviewVersions");
    if (strategy.equals("Webhook")) {
      if (!clientConfig.isObject()) {
        errors.add(FieldError.required("spec.conversion.webhookClientConfig",
            "required when strategy is set to Webhook"));
      } else {
        boolean hasUrl = clientConfig.hasNonNull("url");
        boolean hasService = clientConfig.hasNonNull("service");
        if (hasUrl == hasService) {
          errors.add(FieldError.required("spec.conversion.webhookClientConfig",
              "exactly one of url or service is required"));
        } else if (hasUrl) {
          webhookUrl("spec.conversion.webhookClientConfig.url", text(clientConfig, "url"));
        } else {
          webhookService("spec.conversion.webhookClientConfig.service", clientConfig.path("service"));
        }
      }
      String path = "spec.conversion.conversionReviewVersions";
      if (!reviewVersions.isArray() || reviewVersions.isEmpty()) {
        errors.add(FieldError.required(path, ""));
      } else {
        Set<String> seen = new HashSet<>();
        boolean accepted = false;
        for (int i = 0; i < reviewVersions.size(); i++) {
          String v = reviewVersions.get(i).asText();
          if (!seen.add(v)) {
            errors.add(FieldError.invalid(index(path, i), v, "duplicate version"));
            continue;
          }
          for (String e : DnsNames.dns1035Label(v)) {
            errors.add(FieldError.invalid(index(path, i), v, e));
          }
          accepted |= v.equals("v1") || v.equals("v1beta1");
        }
        if (!accepted) {
          errors.add(FieldError.invalid(path, reviewVersions, "must include at least one of v1, v1beta1"));
        }
      }
    } else {
      if (clientConfig.isObject()) {
        errors.add(FieldError.forbidden("spec.conversion.webhookClientConfig",
            "should not be set when strategy is not set to Webhook"));
      }
      if (reviewVersions.isArray() && !reviewVersions.isEmpty()) {
        errors.add(FieldError.forbidden("spec.conversion.conversionReviewVersions",
            "should not be set when strategy is not set to Webhook"));
      }
    }
  }

  private void webhookUrl(String path, String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(FieldError.invalid(path, url, "url must be a valid URL: " + e.getMessage()));
      return;
    }
    if (!"https".equals(u.getScheme())) {
      errors.add(FieldError.invalid(path, url, "'https' is the only allowed URL scheme"));
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      errors.add(FieldError.invalid(path, url, "host must be specified"));
    }
    if (u.getUserInfo() != null) {
      errors.add(FieldError.invalid(path, url, "user information is not permitted in the URL"));
    }
    if (u.getFragment() != null) {
      errors.add(FieldError.invalid(path, url, "fragments are not permitted in the URL"));
    }
    if (u.getQuery() != null) {
      errors.add(FieldError.invalid(path, url, "query parameters are not permitted in the URL"));
    }
  }

  private void webhookService(String path, JsonNode service) {
    if (text(service, "name").isEmpty()) {
      errors.add(FieldError.required(path + ".name", "service name is required"));
    }
    if (text(service, "namespace").isEmpty()) {
      errors.add(FieldError.required(path + ".namespace", "service namespace is required"));
    }
    if (service.has("port")) {
      int port = service.path("port").asInt(-1);
      if (port < 1 || port > 65535) {
        errors.add(FieldError.invalid(path + ".port", service.get("port"),
            "port is not valid: must be between 1 and 65535, inclusive"));
      }
    }
    String p = text(service, "path");
    if (!p.isEmpty() && !p.startsWith("/")) {
      errors.add(FieldError.invalid(path + ".path", p, "must start with a '/'"));
    }
  }

  // ---- versions ----

  private void version(JsonNode v, String vp) {
    JsonNode warning = v.get("deprecationWarning");
    if (warning != null && !warning.isNull()) {
      String w = warning.asText();
      if (!v.path("deprecated").asBoolean(false)) {
        errors.add(FieldError.invalid(vp + ".deprecationWarning", w, "can only be set for deprecated versions"));
      } else {
        if (w.length() > 256) {
          errors.add(FieldError.invalid(vp + ".deprecationWarning", w, "must be <= 256 characters long"));
        }
        if (w.isEmpty()) {
          errors.add(FieldError.invalid(vp + ".deprecationWarning", w, "must not be an empty string"));
        }
        for (int i = 0; i < w.length(); i++) {
          if (Character.isISOControl(w.charAt(i))) {
            errors.add(FieldError.invalid(vp + ".deprecationWarning", w,
                "must only contain printable UTF-8 characters; control character found at index " + i));
            break;
          }
        }
      }
    }
    JsonNode subresources = v.path("subresources");
    boolean statusEnabled = subresources.path("status").isObject();
    JsonNode schema = v.path("schema").path("openAPIV3Schema");
    if (schema.isObject()) {
      schema(schema, vp + ".schema.openAPIV3Schema", statusEnabled);
    }
    if (subresources.isObject()) {
      scale(subresources.path("scale"), vp + ".subresources");
    }
    JsonNode columns = v.path("additionalPrinterColumns");
    for (int i = 0; i < columns.size(); i++) {
      column(columns.get(i), index(vp + ".additionalPrinterColumns", i));
    }
    JsonNode selectable = v.path("selectableFields");
    if (selectable.isArray() && !selectable.isEmpty()) {
      if (!schema.isObject()) {
        errors.add(FieldError.invalid(vp + ".selectableFields", "",
            "selectableFields may only be set when version.schema.openAPIV3Schema is not included"));
      } else {
        selectableFields(selectable, schema, vp + ".selectableFields");
      }
    }
  }

  private void scale(JsonNode scale, String path) {
    if (!scale.isObject()) {
      return;
    }
    String spec = text(scale, "specReplicasPath");
    String specPath = path + ".scale.specReplicasPath";
    if (spec.isEmpty()) {
      errors.add(FieldError.required(specPath, ""));
    } else if (simpleJsonPath(spec, specPath) && !spec.startsWith(".spec.")) {
      errors.add(FieldError.invalid(specPath, spec, "should be a json path under .spec"));
    }
    String status = text(scale, "statusReplicasPath");
    String statusPath = path + ".scale.statusReplicasPath";
    if (status.isEmpty()) {
      errors.add(FieldError.required(statusPath, ""));
    } else if (simpleJsonPath(status, statusPath) && !status.startsWith(".status.")) {
      errors.add(FieldError.invalid(statusPath, status, "should be a json path under .status"));
    }
    String selector = text(scale, "labelSelectorPath");
    String selectorPath = path + ".scale.labelSelectorPath";
    if (!selector.isEmpty() && simpleJsonPath(selector, selectorPath)
        && !selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
      errors.add(FieldError.invalid(selectorPath, selector,
          "should be a json path under either .spec or .status"));
    }
  }

  /** upstream's validateSimpleJSONPath; true when the path passed. */
  private boolean simpleJsonPath(String s, String path) {
    if (s.isEmpty()) {
      errors.add(FieldError.invalid(path, s, "must not be empty"));
      return false;
    }
    if (s.charAt(0) != '.') {
      errors.add(FieldError.invalid(path, s, "must be a simple json path starting with ."));
      return false;
    }
    return true;
  }

  private void column(JsonNode col, String path) {
    if (text(col, "name").isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    }
    String type = text(col, "type");
    String types = "must be one of " + String.join(",", PRINTER_TYPES);
    if (type.isEmpty()) {
      errors.add(FieldError.required(path + ".type", types));
    } else if (!PRINTER_TYPES.contains(type)) {
      errors.add(FieldError.invalid(path + ".type", type, types));
    }
    String format = text(col, "format");
    if (!format.isEmpty() && !PRINTER_FORMATS.contains(format)) {
      errors.add(FieldError.invalid(path + ".format", format,
          "must be one of " + String.join(",", PRINTER_FORMATS)));
    }
    String jsonPath = text(col, "jsonPath");
    if (jsonPath.isEmpty()) {
      errors.add(FieldError.required(path + ".JSONPath", ""));
    } else {
      simpleJsonPath(jsonPath, path + ".JSONPath");
    }
  }

  private void selectableFields(JsonNode fields, JsonNode schemaJson, String path) {
    Schema schema = CrdSchemas.toSchema(schemaJson);
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String fp = index(path, i) + ".jsonPath";
      String jsonPath = text(fields.get(i), "jsonPath");
      if (jsonPath.isEmpty()) {
        errors.add(FieldError.required(fp, ""));
        continue;
      }
      List<String> segments = simpleSegments(jsonPath);
      Schema target = schema;
      for (String seg : segments == null ? List.<String>of() : segments) {
        target = target == null ? null : target.property(seg);
      }
      if (segments == null || segments.isEmpty() || target == null) {
        errors.add(FieldError.invalid(fp, jsonPath,
            "is an invalid path: does not refer to a valid field"));
        continue;
      }
      if (segments.get(0).equals("metadata")) {
        errors.add(FieldError.invalid(fp, jsonPath, "must not point to fields in metadata"));
      }
      if (target.type() != Schema.Type.STRING && target.type() != Schema.Type.BOOLEAN
          && target.type() != Schema.Type.INTEGER) {
        errors.add(FieldError.invalid(fp, jsonPath, "must point to a field of type string, boolean "
            + "or integer. Enum string fields and strings with formats are allowed."));
      }
      String canonical = String.join(".", segments);
      if (!unique.add(canonical)) {
        errors.add(FieldError.duplicate(fp, TextNode.valueOf(jsonPath)));
      }
    }
    if (unique.size() > MAX_SELECTABLE_FIELDS) {
      errors.add(FieldError.tooMany(path, unique.size(), MAX_SELECTABLE_FIELDS));
    }
  }

  private static List<String> simpleSegments(String jsonPath) {
    if (JsonPathLite.problem(jsonPath).isPresent()) {
      return null;
    }
    JsonPathLite p = JsonPathLite.parse(jsonPath);
    if (!p.isFieldPath()) {
      return null;
    }
    List<String> segs = new ArrayList<>();
    // re-split: field paths are dot separated names (escapes resolved by the parser)
    StringBuilder cur = new StringBuilder();
    String s = jsonPath.strip();
    for (int i = s.startsWith(".") ? 1 : 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (c == '.') {
        segs.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    segs.add(cur.toString());
    return segs;
  }

  // ---- schemas ----

  private void schema(JsonNode schema, String path, boolean statusEnabled) {
    if (statusEnabled) {
      for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        JsonNode value = schema.get(f);
        if (isZero(value)) {
          continue;
        }
        if (f.equals("type")) {
          if (!value.asText().equals("object")) {
            errors.add(FieldError.invalid(path + ".type", value, "only \"object\" is allowed as "
                + "the type at the root of the schema if the status subresource is enabled"));
            break;
          }
          continue;
        }
        if (!ROOT_ALLOWED_WITH_STATUS.contains(f)) {
          errors.add(FieldError.invalid(path, schema, "only " + ROOT_ALLOWED_TEXT + " fields are "
              + "allowed at the root of the schema if the status subresource is enabled"));
          break;
        }
      }
    }
    if (schema.path("nullable").asBoolean(false)) {
      errors.add(FieldError.forbidden(path + ".nullable", "nullable cannot be true at the root"));
    }
    List<FieldError> structural = new ArrayList<>();
    structuralInvariants(schema, Level.ROOT, path, structural);
    structuralCompleteness(schema, path, structural);
    structural.sort(Comparator.comparing(FieldError::toString));
    errors.addAll(structural);
    if (structural.isEmpty()) {
      defaults(schema, path, true, false);
    }
    openApi(schema, path, new Context(true, null, false), true);
  }

  private static boolean isZero(JsonNode v) {
    return v == null || v.isNull() || (v.isBoolean() && !v.booleanValue())
        || (v.isTextual() && v.textValue().isEmpty()) || (v.isContainerNode() && v.isEmpty());
  }

  private enum Level { ROOT, ITEM, FIELD }

  /** upstream's validateStructuralInvariants, over the JSONSchemaProps JSON. */
  private void structuralInvariants(JsonNode s, Level lvl, String path, List<FieldError> out) {
    if (s == null || !s.isObject()) {
      return;
    }
    String type = text(s, "type");
    JsonNode items = s.get("items");
    if (type.equals("array") && (items == null || items.isNull())) {
      out.add(FieldError.required(path + ".items", "must be specified"));
    }
    if (items != null && items.isObject()) {
      structuralInvariants(items, Level.ITEM, path + ".items", out);
    }
    JsonNode props = s.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      structuralInvariants(e.getValue(), Level.FIELD, key(path + ".properties", e.getKey()), out);
    }
    JsonNode additional = s.get("additionalProperties");
    boolean hasAdditional = additional != null && !additional.isNull()
        && !(additional.isBoolean() && !additional.booleanValue());
    if (hasAdditional) {
      if (lvl == Level.ROOT) {
        out.add(FieldError.forbidden(path + ".additionalProperties", "must not be used at the root"));
      }
      if (additional.isObject()) {
        structuralInvariants(additional, Level.FIELD, path + ".additionalProperties", out);
      }
    }
    boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (intOrString && preserve) {
      out.add(FieldError.invalid(path + ".x-kubernetes-preserve-unknown-fields", BooleanNode.TRUE,
          "must be false if x-kubernetes-int-or-string is true"));
    }
    if (intOrString && embedded) {
      out.add(FieldError.invalid(path + ".x-kubernetes-embedded-resource", BooleanNode.TRUE,
          "must be false if x-kubernetes-int-or-string is true"));
    }
    boolean skipAnyOf = intOrStringAnyOf(s.get("anyOf"));
    JsonNode allOf = s.path("allOf");
    boolean skipFirstAllOfAnyOf = allOf.isArray() && !allOf.isEmpty()
        && intOrStringAnyOf(allOf.get(0).get("anyOf"));
    valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, lvl, path, out);

    boolean checkMetadata = lvl == Level.ROOT || embedded;
    if (embedded && !type.equals("object")) {
      out.add(type.isEmpty()
          ? FieldError.required(path + ".type", "must be object if x-kubernetes-embedded-resource is true")
          : FieldError.invalid(path + ".type", type, "must be object if x-kubernetes-embedded-resource is true"));
    } else if (type.isEmpty() && !intOrString && !preserve) {
      out.add(FieldError.required(path + ".type", switch (lvl) {
        case ROOT -> "must not be empty at the root";
        case ITEM -> "must not be empty for specified array items";
        case FIELD -> "must not be empty for specified object fields";
      }));
    }
    if (embedded && hasAdditional) {
      out.add(FieldError.forbidden(path + ".additionalProperties",
          "must not be used if x-kubernetes-embedded-resource is set"));
    }
    if (lvl == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
      out.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
    }
    for (String meta : List.of("kind", "apiVersion")) {
      JsonNode p = props.get(meta);
      if (p != null && checkMetadata && !text(p, "type").equals("string")) {
        out.add(FieldError.invalid(key(path + ".properties", meta) + ".type", text(p, "type"),
            "must be string"));
      }
    }
    JsonNode metadata = props.get("metadata");
    if (metadata != null && metadata.isObject()) {
      String mp = key(path + ".properties", "metadata");
      if (checkMetadata && !text(metadata, "type").equals("object")) {
        out.add(FieldError.invalid(mp + ".type", text(metadata, "type"), "must be object"));
      }
      if (lvl == Level.ROOT && !onlyNameAndGenerateName(metadata)) {
        out.add(FieldError.forbidden(mp, "must not specify anything other than name and "
            + "generateName, but metadata is implicitly specified"));
      }
    }
    if (embedded && !preserve && (!props.isObject() || props.isEmpty())) {
      out.add(FieldError.required(path + ".properties", "must not be empty if "
          + "x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
    }
  }

  /** Root metadata may say it is an object and restrict name/generateName, nothing else. */
  private static boolean onlyNameAndGenerateName(JsonNode metadata) {
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "type", "default" -> { }
        case "properties" -> {
          for (Iterator<String> names = e.getValue().fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!n.equals("name") && !n.equals("generateName")) {
              return false;
            }
          }
        }
        default -> {
          if (!isZero(e.getValue())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean intOrStringAnyOf(JsonNode anyOf) {
    if (anyOf == null || !anyOf.isArray() || anyOf.size() != 2) {
      return false;
    }
    return isOnlyType(anyOf.get(0), "integer") && isOnlyType(anyOf.get(1), "string");
  }

  private static boolean isOnlyType(JsonNode s, String type) {
    return s.isObject() && s.size() == 1 && type.equals(text(s, "type"));
  }

  private void valueValidation(JsonNode s, boolean skipAnyOf, boolean skipFirstAllOfAnyOf, Level lvl,
      String path, List<FieldError> out) {
    if (!skipAnyOf) {
      JsonNode anyOf = s.path("anyOf");
      for (int i = 0; i < anyOf.size(); i++) {
        nested(anyOf.get(i), false, lvl, index(path + ".anyOf", i), out);
      }
    }
    JsonNode allOf = s.path("allOf");
    for (int i = 0; i < allOf.size(); i++) {
      nested(allOf.get(i), skipFirstAllOfAnyOf && i == 0, lvl, index(path + ".allOf", i), out);
    }
    JsonNode oneOf = s.path("oneOf");
    for (int i = 0; i < oneOf.size(); i++) {
      nested(oneOf.get(i), false, lvl, index(path + ".oneOf", i), out);
    }
    if (s.path("not").isObject()) {
      nested(s.get("not"), false, lvl, path + ".not", out);
    }
    if (s.path("pattern").isTextual()) {
      String pattern = s.get("pattern").textValue();
      try {
        Pattern.compile(pattern.replace("(?P<", "(?<"));
      } catch (PatternSyntaxException e) {
        out.add(FieldError.invalid(path + ".pattern", pattern,
            "must be a valid regular expression, but isn't: " + e.getDescription()));
      }
    }
  }

  /** upstream's validateNestedValueValidation: inside allOf/anyOf/oneOf/not. */
  private void nested(JsonNode v, boolean skipAnyOf, Level lvl, String path, List<FieldError> out) {
    if (v == null || !v.isObject()) {
      return;
    }
    valueValidation(v, skipAnyOf, false, lvl, path, out);
    if (v.path("items").isObject()) {
      nested(v.get("items"), false, lvl, path + ".items", out);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      nested(e.getValue(), false, Level.FIELD, key(path + ".properties", e.getKey()), out);
    }
    if (!text(v, "type").isEmpty()) {
      out.add(FieldError.forbidden(path + ".type", "must be empty to be structural"));
    }
    if (v.has("additionalProperties") && !v.get("additionalProperties").isNull()) {
      out.add(FieldError.forbidden(path + ".additionalProperties", "must be undefined to be structural"));
    }
    if (v.has("default") && !v.get("default").isNull()) {
      out.add(FieldError.forbidden(path + ".default", "must be undefined to be structural"));
    }
    if (!text(v, "title").isEmpty()) {
      out.add(FieldError.forbidden(path + ".title", "must be empty to be structural"));
    }
    if (!text(v, "description").isEmpty()) {
      out.add(FieldError.forbidden(path + ".description", "must be empty to be structural"));
    }
    if (v.path("nullable").asBoolean(false)) {
      out.add(FieldError.forbidden(path + ".nullable", "must be false to be structural"));
    }
    if (v.has("externalDocs") && !v.get("externalDocs").isNull()) {
      out.add(FieldError.forbidden(path + ".externalDocs", "must be undefined to be structural"));
    }
    for (String ext : List.of("x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
        "x-kubernetes-int-or-string")) {
      if (v.path(ext).asBoolean(false)) {
        out.add(FieldError.forbidden(path + "." + ext, "must be false to be structural"));
      }
    }
    if (v.path("x-kubernetes-list-map-keys").size() > 0) {
      out.add(FieldError.forbidden(path + ".x-kubernetes-list-map-keys", "must be empty to be structural"));
    }
    for (String ext : List.of("x-kubernetes-list-type", "x-kubernetes-map-type")) {
      if (v.has(ext) && !v.get(ext).isNull()) {
        out.add(FieldError.forbidden(path + "." + ext, "must be undefined to be structural"));
      }
    }
    if (v.path("x-kubernetes-validations").size() > 0) {
      out.add(FieldError.forbidden(path + ".x-kubernetes-validations", "must be empty to be structural"));
    }
    if (v.path("properties").has("metadata")) {
      out.add(FieldError.forbidden(key(path + ".properties", "metadata"),
          "must not be specified in a nested context"));
    }
  }

  /**
   * upstream's validateStructuralCompleteness: fields and items named in the root's value
   * validations must exist in the structural part (only the root is checked, as upstream does).
   */
  private void structuralCompleteness(JsonNode root, String path, List<FieldError> out) {
    completeness(root, root, path, path, out);
  }

  private void completeness(JsonNode v, JsonNode s, String sPath, String vPath, List<FieldError> out) {
    for (String junctor : List.of("not", "allOf", "anyOf", "oneOf")) {
      JsonNode j = v.get(junctor);
      if (j == null) {
        continue;
      }
      if (junctor.equals("not")) {
        nestedCompleteness(j, s, sPath, vPath + ".not", out);
      } else {
        for (int i = 0; i < j.size(); i++) {
          nestedCompleteness(j.get(i), s, sPath, index(vPath + "." + junctor, i), out);
        }
      }
    }
  }

  private void nestedCompleteness(JsonNode v, JsonNode s, String sPath, String vPath,
      List<FieldError> out) {
    if (v == null || !v.isObject()) {
      return;
    }
    if (s == null || !s.isObject()) {
      out.add(FieldError.required(sPath, "because it is defined in " + vPath));
      return;
    }
    completeness(v, s, sPath, vPath, out);
    if (v.has("items")) {
      JsonNode sItems = s.path("items").isObject() ? s.get("items") : null;
      nestedCompleteness(v.get("items"), sItems, sPath + ".items", vPath + ".items", out);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode sField = s.path("properties").get(e.getKey());
      String sp = key(sPath + ".properties", e.getKey());
      String vp = key(vPath + ".properties", e.getKey());
      if (sField == null) {
        out.add(FieldError.required(sp, "because it is defined in " + vp));
      } else {
        nestedCompleteness(e.getValue(), sField, sp, vp, out);
      }
    }
  }

  /** upstream's ValidateDefaults: every default is pruned and valid against its own schema. */
  private void defaults(JsonNode s, String path, boolean resourceRoot, boolean insideMeta) {
    if (s == null || !s.isObject()) {
      return;
    }
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (embedded) {
      insideMeta = false;
    }
    JsonNode def = s.get("default");
    if (def != null && !def.isNull() && !insideMeta) {
      Schema schema = CrdSchemas.toSchema(s);
      JsonNode copy = def.deepCopy();
      List<String> pruned = embedded || resourceRoot ? pruner.pruneResource(copy, schema)
          : pruner.prune(copy, schema);
      if (!pruned.isEmpty()) {
        errors.add(FieldError.invalid(path + ".default", def, "must not have unknown fields"));
      }
      errors.addAll(values.validate(def, schema, path + ".default"));
    }
    // defaults are forbidden under additionalProperties, so it is not followed
    if (s.path("items").isObject()) {
      defaults(s.get("items"), path + ".items", false, insideMeta);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      boolean meta = insideMeta || ((resourceRoot || embedded) && META_FIELDS.contains(e.getKey()));
      defaults(e.getValue(), key(path + ".properties", e.getKey()), false, meta);
    }
  }

  /** What the OpenAPI walk knows about where it is. */
  private record Context(boolean allowDefaults, String disallowReason, boolean insideResourceMeta) {
    Context forbidDefaults(String reason) {
      return new Context(false, reason, insideResourceMeta);
    }

    Context insideMeta() {
      return new Context(allowDefaults, disallowReason, true);
    }
  }

  /** upstream's ValidateCustomResourceDefinitionOpenAPISchema. */
  private void openApi(JsonNode s, String path, Context ctx, boolean isRoot) {
    if (s == null || !s.isObject()) {
      return;
    }
    String type = text(s, "type");
    if (!type.isEmpty() && !OPENAPI_TYPES.contains(type)) {
      errors.add(FieldError.notSupported(path + ".type", s.get("type"), OPENAPI_TYPES));
    }
    if (s.has("default") && !s.get("default").isNull() && !ctx.allowDefaults()) {
      String detail = "must not be set";
      if (ctx.disallowReason() != null) {
        detail += " " + ctx.disallowReason();
      }
      errors.add(FieldError.forbidden(path + ".default", detail));
    }
    forbidden(s, "id", path, "id is not supported");
    forbidden(s, "additionalItems", path, "additionalItems is not supported");
    forbidden(s, "patternProperties", path, "patternProperties is not supported");
    forbidden(s, "definitions", path, "definitions is not supported");
    forbidden(s, "dependencies", path, "dependencies is not supported");
    forbidden(s, "$ref", path, "$ref is not supported");
    if (type.equals("null")) {
      errors.add(FieldError.forbidden(path + ".type",
          "type cannot be set to null, use nullable as an alternative"));
    }
    if (s.path("items").isArray()) {
      errors.add(FieldError.forbidden(path + ".items", "items must be a schema object and not an array"));
    }
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (ctx.insideResourceMeta() && embedded) {
      errors.add(FieldError.forbidden(path + ".x-kubernetes-embedded-resource",
          "must not be used inside of resource meta"));
    }
    if (s.path("uniqueItems").asBoolean(false)) {
      errors.add(FieldError.forbidden(path + ".uniqueItems",
          "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
    }
    JsonNode props = s.path("properties");
    JsonNode additional = s.get("additionalProperties");
    if (additional != null && !additional.isNull()) {
      if (props.size() > 0 && (additional.isObject() || !additional.asBoolean(false))) {
        errors.add(FieldError.forbidden(path + ".additionalProperties",
            "additionalProperties and properties are mutual exclusive"));
      }
      Context sub = ctx.insideResourceMeta()
          ? ctx.forbidDefaults("inside additionalProperties applying to object metadata") : ctx;
      if (additional.isObject()) {
        openApi(additional, path + ".additionalProperties", sub, false);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Context sub = ctx;
      if ((isRoot || embedded) && META_FIELDS.contains(e.getKey())) {
        sub = sub.insideMeta();
        if (isRoot) {
          sub = sub.forbidDefaults("in top-level " + e.getKey());
        }
      }
      openApi(e.getValue(), key(path + ".properties", e.getKey()), sub, false);
    }
    if (s.path("not").isObject()) {
      openApi(s.get("not"), path + ".not", ctx, false);
    }
    for (String junctor : List.of("allOf", "oneOf", "anyOf")) {
      JsonNode list = s.path(junctor);
      for (int i = 0; i < list.size(); i++) {
        openApi(list.get(i), index(path + "." + junctor, i), ctx, false);
      }
    }
    JsonNode items = s.get("items");
    if (items != null && items.isObject()) {
      openApi(items, path + ".items", ctx, false);
    } else if (items != null && items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        openApi(items.get(i), index(path + ".items", i), ctx, false);
      }
    }
    extensions(s, path, type);
    listKeyRules(s, path);
    celRules(s, path);
  }

  private void forbidden(JsonNode s, String field, String path, String detail) {
    JsonNode v = s.get(field);
    if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().isEmpty())
        && !(v.isContainerNode() && v.isEmpty())) {
      errors.add(FieldError.forbidden(path + "." + field, detail));
    }
  }

  private void extensions(JsonNode s, String path, String type) {
    JsonNode preserve = s.get("x-kubernetes-preserve-unknown-fields");
    if (preserve != null && preserve.isBoolean() && !preserve.booleanValue()) {
      errors.add(FieldError.invalid(path + ".x-kubernetes-preserve-unknown-fields", BooleanNode.FALSE,
          "must be true or undefined"));
    }
    JsonNode mapType = s.get("x-kubernetes-map-type");
    if (mapType != null && !mapType.isNull()) {
      if (!type.equals("object")) {
        errors.add(type.isEmpty()
            ? FieldError.required(path + ".type", "must be object if x-kubernetes-map-type is specified")
            : FieldError.invalid(path + ".type", type, "must be object if x-kubernetes-map-type is specified"));
      }
      if (!mapType.asText().equals("atomic") && !mapType.asText().equals("granular")) {
        errors.add(FieldError.notSupported(path + ".x-kubernetes-map-type", mapType,
            List.of("atomic", "granular")));
      }
    }
    JsonNode listType = s.get("x-kubernetes-list-type");
    boolean hasListType = listType != null && !listType.isNull();
    String lt = hasListType ? listType.asText() : "";
    JsonNode items = s.path("items");
    if (hasListType && !type.equals("array")) {
      errors.add(type.isEmpty()
          ? FieldError.required(path + ".type", "must be array if x-kubernetes-list-type is specified")
          : FieldError.invalid(path + ".type", type, "must be array if x-kubernetes-list-type is specified"));
    } else if (lt.equals("set") && items.isObject()) {
      String itemType = text(items, "type");
      if (itemType.equals("array") && items.has("x-kubernetes-list-type")
          && !text(items, "x-kubernetes-list-type").equals("atomic")) {
        errors.add(FieldError.invalid(path + ".items.x-kubernetes-list-type",
            items.get("x-kubernetes-list-type"), "must be atomic as item of a list with x-kubernetes-list-type=set"));
      } else if (itemType.equals("object") && !text(items, "x-kubernetes-map-type").equals("atomic")) {
        errors.add(FieldError.invalid(path + ".items.x-kubernetes-map-type",
            items.get("x-kubernetes-list-type"), "must be atomic as item of a list with x-kubernetes-list-type=set"));
      }
    }
    if (hasListType && !lt.equals("atomic") && !lt.equals("set") && !lt.equals("map")) {
      errors.add(FieldError.notSupported(path + ".x-kubernetes-list-type", listType,
          List.of("atomic", "set", "map")));
    }
    JsonNode keys = s.path("x-kubernetes-list-map-keys");
    if (keys.size() > 0) {
      if (!hasListType) {
        errors.add(FieldError.required(path + ".x-kubernetes-list-type",
            "must be map if x-kubernetes-list-map-keys is non-empty"));
      } else if (!lt.equals("map")) {
        errors.add(FieldError.invalid(path + ".x-kubernetes-list-type", lt,
            "must be map if x-kubernetes-list-map-keys is non-empty"));
      }
    }
    if (lt.equals("map")) {
      if (keys.size() == 0) {
        errors.add(FieldError.required(path + ".x-kubernetes-list-map-keys",
            "must not be empty if x-kubernetes-list-type is map"));
      }
      JsonNode rawItems = s.get("items");
      if (rawItems == null || rawItems.isNull()) {
        errors.add(FieldError.required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
      } else if (!rawItems.isObject()) {
        errors.add(FieldError.invalid(path + ".items", rawItems,
            "must only have a single schema if x-kubernetes-list-type is map"));
      } else if (!text(rawItems, "type").equals("object")) {
        errors.add(FieldError.invalid(path + ".items.type", text(rawItems, "type"),
            "must be object if parent array's x-kubernetes-list-type is map"));
      } else {
        Set<String> seen = new HashSet<>();
        for (JsonNode k : keys) {
          String name = k.asText();
          JsonNode prop = rawItems.path("properties").get(name);
          if (prop != null) {
            String pt = text(prop, "type");
            if (pt.equals("array") || pt.equals("object")) {
              errors.add(FieldError.invalid(key(path + ".items.properties", name) + ".type",
                  text(rawItems, "type"), "must be a scalar type if parent array's x-kubernetes-list-type is map"));
            }
          } else {
            errors.add(FieldError.invalid(path + ".x-kubernetes-list-map-keys", keys,
                "entries must all be names of item properties"));
          }
          if (!seen.add(name)) {
            errors.add(FieldError.invalid(path + ".x-kubernetes-list-map-keys", keys,
                "must not contain duplicate entries"));
          }
        }
      }
    }
  }

  /** upstream's validateMapListKeysMapSet. */
  private void listKeyRules(JsonNode s, String path) {
    JsonNode items = s.path("items");
    String lt = text(s, "x-kubernetes-list-type");
    if (!items.isObject() || (!lt.equals("set") && !lt.equals("map"))) {
      return;
    }
    if (items.path("nullable").asBoolean(false)) {
      errors.add(FieldError.forbidden(path + ".items.nullable",
          "cannot be nullable when x-kubernetes-list-type is " + lt));
    }
    if (lt.equals("map")) {
      Set<String> required = new HashSet<>();
      items.path("required").forEach(r -> required.add(r.asText()));
      for (JsonNode k : s.path("x-kubernetes-list-map-keys")) {
        JsonNode prop = items.path("properties").get(k.asText());
        if (prop == null) {
          continue;
        }
        String kp = key(path + ".items.properties", k.asText());
        if (!required.contains(k.asText()) && (!prop.has("default") || prop.get("default").isNull())) {
          errors.add(FieldError.required(kp + ".default", "this property is in "
              + "x-kubernetes-list-map-keys, so it must have a default or be a required property"));
        }
        if (prop.path("nullable").asBoolean(false)) {
          errors.add(FieldError.forbidden(kp + ".nullable",
              "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
        }
      }
    }
  }

  private void celRules(JsonNode s, String path) {
    JsonNode rules = s.path("x-kubernetes-validations");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String rp = index(path + ".x-kubernetes-validations", i);
      String ruleText = text(rule, "rule");
      String message = text(rule, "message");
      if (ruleText.strip().isEmpty()) {
        errors.add(FieldError.required(rp + ".rule", "rule is not specified"));
      } else if (!message.isEmpty() && message.strip().isEmpty()) {
        errors.add(FieldError.invalid(rp + ".message", message, "message must be non-empty if specified"));
      } else if (NEWLINES.matcher(message.strip()).find()) {
        errors.add(FieldError.invalid(rp + ".message", message, "message must not contain line breaks"));
      } else if (NEWLINES.matcher(ruleText.strip()).find() && message.strip().isEmpty()) {
        errors.add(FieldError.required(rp + ".message",
            "message must be specified if rule contains line breaks"));
      }
      String messageExpression = text(rule, "messageExpression");
      if (!messageExpression.isEmpty() && messageExpression.strip().isEmpty()) {
        errors.add(FieldError.required(rp + ".messageExpression",
            "messageExpression must be non-empty if specified"));
      }
      if (rule.has("reason") && !VALIDATION_REASONS.contains(text(rule, "reason"))) {
        errors.add(FieldError.notSupported(rp + ".reason", rule.get("reason"), VALIDATION_REASONS));
      }
      String fieldPath = text(rule, "fieldPath");
      if (!fieldPath.isEmpty() && fieldPath.strip().isEmpty()) {
        errors.add(FieldError.invalid(rp + ".fieldPath", fieldPath, "fieldPath must be non-empty if specified"));
      }
      if (NEWLINES.matcher(fieldPath).find()) {
        errors.add(FieldError.invalid(rp + ".fieldPath", fieldPath, "fieldPath must not contain line breaks"));
      }
    }
  }

  // ---- approval, immutability, helpers ----

  private void apiApproval(JsonNode crd) {
    String group = text(crd.path("spec"), "group");
    boolean protectedGroup = group.equals("k8s.io") || group.equals("kubernetes.io")
        || group.endsWith(".k8s.io") || group.endsWith(".kubernetes.io");
    if (!protectedGroup) {
      return;
    }
    String field = key("metadata.annotations", APPROVAL_ANNOTATION);
    String reason = "protected groups must have approval annotation \"" + APPROVAL_ANNOTATION
        + "\", see https://github.com/kubernetes/enhancements/pull/1111";
    JsonNode value = crd.path("metadata").path("annotations").get(APPROVAL_ANNOTATION);
    if (value == null || value.isNull()) {
      errors.add(FieldError.required(field, reason));
      return;
    }
    String v = value.asText();
    if (v.startsWith("unapproved")) {
      return;
    }
    try {
      URI u = new URI(v);
      if ((u.getScheme() != null && u.getScheme().startsWith("http")) && u.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // invalid below
    }
    errors.add(FieldError.invalid(field, v, reason));
  }

  private void immutable(String path, JsonNode now, JsonNode before) {
    if (!now.equals(before)) {
      errors.add(FieldError.invalid(path, now.isMissingNode() ? null : now, "field is immutable"));
    }
  }

  private static boolean established(JsonNode crd) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if ("Established".equals(text(c, "type")) && "True".equals(text(c, "status"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean allVersionsHaveSchemas(JsonNode crd) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (!v.path("schema").path("openAPIV3Schema").isObject()) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDefaults(JsonNode versions) {
    for (JsonNode v : versions) {
      if (containsDefault(v.path("schema").path("openAPIV3Schema"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsDefault(JsonNode s) {
    if (!s.isContainerNode()) {
      return false;
    }
    if (s.isObject() && s.has("default") && !s.get("default").isNull()) {
      return true;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("default") && !e.getKey().equals("enum") && !e.getKey().equals("example")
          && containsDefault(e.getValue())) {
        return true;
      }
    }
    if (s.isArray()) {
      for (JsonNode x : s) {
        if (containsDefault(x)) {
          return true;
        }
      }
    }
    return false;
  }

  private void enumString(String path, JsonNode value, List<String> accepted) {
    String v = value.isTextual() ? value.textValue() : "";
    if (v.isEmpty()) {
      errors.add(FieldError.required(path, ""));
    } else if (!accepted.contains(v)) {
      errors.add(FieldError.notSupported(path, value, accepted));
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.textValue() : "";
  }

  private static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  private static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
