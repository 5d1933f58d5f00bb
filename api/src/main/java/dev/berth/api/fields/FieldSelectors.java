package dev.berth.api.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Selectable fields by kind, matching kube-apiserver 1.32: the registry strategies'
 * {@code ToSelectableFields} sets together with each version's field-label conversion (which decides
 * which labels are accepted, which legacy spellings are renamed and what a refusal says).
 */
public final class FieldSelectors {

  private static final String NAME = "metadata.name";
  private static final String NAMESPACE = "metadata.namespace";
  /** Declared before the tables below, which read it while the class initialises. */
  private static final String[] INVOLVED_OBJECT_FIELDS =
      {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"};

  private static final SelectableFields DEFAULT = KindFields.builder()
      .field(NAME, FieldSelectors::name)
      .field(NAMESPACE, FieldSelectors::namespace)
      .message(Messages::notKnown)
      .build();

  private static final Map<String, SelectableFields> BUILT_IN = Map.ofEntries(
      Map.entry("/Pod", pod()),
      Map.entry("/Node", node()),
      Map.entry("/ReplicationController", replicas(Messages::notSupported)),
      Map.entry("/Event", coreEvent()),
      Map.entry("/Namespace", namespaceKind()),
      Map.entry("/Secret", secret()),
      Map.entry("/Service", service()),
      Map.entry("/PersistentVolume", legacyName()),
      Map.entry("/PersistentVolumeClaim", legacyName()),
      Map.entry("apps/ReplicaSet", replicas(Messages::notSupported)),
      Map.entry("batch/Job", job()),
      Map.entry("events.k8s.io/Event", eventsV1Event()),
      Map.entry("certificates.k8s.io/CertificateSigningRequest", certificateSigningRequest()));

  private FieldSelectors() {}

  /**
   * The selectable fields of a built-in kind. Kinds without their own set support
   * {@code metadata.name} and {@code metadata.namespace}; like upstream's default conversion, the
   * latter is accepted even for cluster-scoped kinds, where it is always "".
   *
   * @param group      the API group, "" for core
   * @param kind       the kind, e.g. "Pod"
   * @param namespaced whether the kind is namespaced; built-in sets do not depend on it (upstream's
   *                   conversions are fixed per kind), it is accepted for symmetry with
   *                   {@link #forCustomResource(boolean, List)}
   */
  public static SelectableFields forKind(String group, String kind, boolean namespaced) {
    return BUILT_IN.getOrDefault(group + "/" + kind, DEFAULT);
  }

  /**
   * The selectable fields of a custom resource version: {@code metadata.name}, {@code
   * metadata.namespace} when namespaced, and the CRD's {@code selectableFields[].jsonPath} entries
   * ({@code ".spec.color"} is selected as {@code spec.color}). A path's value renders strings as is,
   * booleans as "true"/"false", numbers in plain decimal, and "" when absent.
   *
   * @throws IllegalArgumentException when a path is not a simple dotted path
   */
  public static SelectableFields forCustomResource(boolean namespaced, List<String> jsonPaths) {
    KindFields.Builder b = KindFields.builder().field(NAME, FieldSelectors::name);
    if (namespaced) {
      b.field(NAMESPACE, FieldSelectors::namespace);
    }
    for (String jsonPath : jsonPaths) {
      List<String> segments = parseSimplePath(jsonPath);
      b.field(String.join(".", segments), obj -> customValue(obj, segments));
    }
    return b.message(Messages::notSupported).build();
  }

  /** ".spec.color" → [spec, color]; also accepts ".metadata['app.kubernetes.io/name']" style keys. */
  static List<String> parseSimplePath(String jsonPath) {
    if (jsonPath == null || !jsonPath.startsWith(".") || jsonPath.length() < 2) {
      throw new IllegalArgumentException("not a simple JSON path: " + jsonPath);
    }
    List<String> segments = new ArrayList<>();
    int i = 0;
    while (i < jsonPath.length()) {
      char c = jsonPath.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < jsonPath.length() && jsonPath.charAt(i) != '.' && jsonPath.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw new IllegalArgumentException("not a simple JSON path: " + jsonPath);
        }
        segments.add(jsonPath.substring(start, i));
      } else if (c == '[' && i + 1 < jsonPath.length()
          && (jsonPath.charAt(i + 1) == '\'' || jsonPath.charAt(i + 1) == '"')) {
        char quote = jsonPath.charAt(i + 1);
        int end = jsonPath.indexOf(quote, i + 2);
        if (end < 0 || end + 1 >= jsonPath.length() || jsonPath.charAt(end + 1) != ']') {
          throw new IllegalArgumentException("not a simple JSON path: " + jsonPath);
        }
        segments.add(jsonPath.substring(i + 2, end));
        i = end + 2;
      } else {
        throw new IllegalArgumentException("not a simple JSON path: " + jsonPath);
      }
    }
    return List.copyOf(segments);
  }

  private static String customValue(ObjectNode obj, List<String> segments) {
    JsonNode node = obj;
    for (String s : segments) {
      node = node.path(s);
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      // Go's strconv.FormatFloat(v, 'f', -1, 64): shortest exact decimal, no exponent.
      return BigDecimal.valueOf(node.doubleValue()).stripTrailingZeros().toPlainString();
    }
    return "";
  }

  // ---- built-in kinds --------------------------------------------------------------------------

  private static SelectableFields pod() {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field(NAMESPACE, FieldSelectors::namespace)
        .field("spec.nodeName", at("spec", "nodeName"))
        .field("spec.restartPolicy", at("spec", "restartPolicy"))
        .field("spec.schedulerName", at("spec", "schedulerName"))
        .field("spec.serviceAccountName", obj -> {
          // v1's deprecated serviceAccount is an alias the conversion falls back to.
          String sa = text(obj.path("spec").path("serviceAccountName"));
          return sa.isEmpty() ? text(obj.path("spec").path("serviceAccount")) : sa;
        })
        .field("spec.hostNetwork", obj -> Boolean.toString(bool(obj.path("spec").path("hostNetwork"))))
        .field("status.phase", at("status", "phase"))
        .field("status.podIP", obj -> podIP(obj.path("status")))
        // Accepted by the v1 conversion but absent from the pod's field set: always "".
        .field("status.podIPs", obj -> "")
        .field("status.nominatedNodeName", at("status", "nominatedNodeName"))
        .alias("spec.host", "spec.nodeName")
        .build();
  }

  /** The v1 → internal conversion prefers status.podIP, then status.podIPs[0]. */
  private static String podIP(JsonNode status) {
    String ip = text(status.path("podIP"));
    if (!ip.isEmpty()) {
      return ip;
    }
    JsonNode ips = status.path("podIPs");
    return ips.isArray() && !ips.isEmpty() ? text(ips.get(0).path("ip")) : "";
  }

  private static SelectableFields node() {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field("spec.unschedulable", obj -> Boolean.toString(bool(obj.path("spec").path("unschedulable"))))
        .build();
  }

  private static SelectableFields replicas(java.util.function.UnaryOperator<String> message) {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field(NAMESPACE, FieldSelectors::namespace)
        .field("status.replicas", obj -> Long.toString(integer(obj.path("status").path("replicas"))))
        .message(message)
        .build();
  }

  private static SelectableFields namespaceKind() {
    return KindFields.builder()
        .field("status.phase", at("status", "phase"))
        .field(NAME, FieldSelectors::name)
        // "name" is a long-kept bug of the namespace field set; it means metadata.name.
        .alias("name", NAME)
        .build();
  }

  private static SelectableFields secret() {
    return KindFields.builder()
        .field("type", obj -> text(obj.path("type")))
        .field(NAMESPACE, FieldSelectors::namespace)
        .field(NAME, FieldSelectors::name)
        .build();
  }

  private static SelectableFields service() {
    return KindFields.builder()
        .field(NAMESPACE, FieldSelectors::namespace)
        .field(NAME, FieldSelectors::name)
        .field("spec.clusterIP", at("spec", "clusterIP"))
        .field("spec.type", at("spec", "type"))
        .build();
  }

  /** PersistentVolume(Claim): the default set plus the legacy "name" spelling. */
  private static SelectableFields legacyName() {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field(NAMESPACE, FieldSelectors::namespace)
        .alias("name", NAME)
        .message(Messages::notKnown)
        .build();
  }

  private static SelectableFields job() {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field(NAMESPACE, FieldSelectors::namespace)
        .field("status.successful", obj -> Long.toString(integer(obj.path("status").path("succeeded"))))
        .message(Messages::notSupportedForJob)
        .build();
  }

  private static SelectableFields certificateSigningRequest() {
    return KindFields.builder()
        .field(NAME, FieldSelectors::name)
        .field("spec.signerName", at("spec", "signerName"))
        .build();
  }

  /** core/v1 Event: involvedObject.*, reason, reportingComponent, source, type. */
  private static SelectableFields coreEvent() {
    return eventFields(KindFields.builder()).build();
  }

  /**
   * events.k8s.io/v1 Event: the same (core-named) field set, which clients reach through the
   * events.k8s.io spellings only (regarding.*, reportingController), as upstream's conversion maps
   * them; the core spellings are refused.
   */
  private static SelectableFields eventsV1Event() {
    KindFields.Builder b = KindFields.builder();
    for (String f : INVOLVED_OBJECT_FIELDS) {
      b.internalField("involvedObject." + f, involved(f)).alias("regarding." + f, "involvedObject." + f);
    }
    return b.field("reason", obj -> text(obj.path("reason")))
        .internalField("reportingComponent", FieldSelectors::reportingController)
        .alias("reportingController", "reportingComponent")
        .field("source", FieldSelectors::eventSource)
        .field("type", obj -> text(obj.path("type")))
        .field(NAMESPACE, FieldSelectors::namespace)
        .field(NAME, FieldSelectors::name)
        .build();
  }

  private static KindFields.Builder eventFields(KindFields.Builder b) {
    for (String f : INVOLVED_OBJECT_FIELDS) {
      b.field("involvedObject." + f, involved(f));
    }
    return b.field("reason", obj -> text(obj.path("reason")))
        .field("reportingComponent", FieldSelectors::reportingController)
        .field("source", FieldSelectors::eventSource)
        .field("type", obj -> text(obj.path("type")))
        .field(NAMESPACE, FieldSelectors::namespace)
        .field(NAME, FieldSelectors::name);
  }

  /** Reads the involved object from either Event shape (core involvedObject or events.k8s.io regarding). */
  private static Function<ObjectNode, String> involved(String field) {
    return obj -> {
      JsonNode ref = obj.path("involvedObject");
      if (ref.isMissingNode()) {
        ref = obj.path("regarding");
      }
      return text(ref.path(field));
    };
  }

  private static String reportingController(ObjectNode event) {
    JsonNode core = event.path("reportingComponent");
    return core.isTextual() ? core.textValue() : text(event.path("reportingController"));
  }

  /** The source component, falling back to the reporting controller as upstream does. */
  private static String eventSource(ObjectNode event) {
    JsonNode source = event.path("source");
    if (source.isMissingNode()) {
      source = event.path("deprecatedSource");
    }
    String component = text(source.path("component"));
    return component.isEmpty() ? reportingController(event) : component;
  }

  // ---- JSON helpers ------------------------------------------------------------------------------

  private static Function<ObjectNode, String> at(String parent, String field) {
    return obj -> text(obj.path(parent).path(field));
  }

  private static String name(ObjectNode obj) {
    return text(obj.path("metadata").path("name"));
  }

  private static String namespace(ObjectNode obj) {
    return text(obj.path("metadata").path("namespace"));
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : node.isValueNode() && !node.isNull() ? node.asText() : "";
  }

  private static boolean bool(JsonNode node) {
    return node.isBoolean() && node.booleanValue();
  }

  private static long integer(JsonNode node) {
    return node.isNumber() ? node.longValue() : 0;
  }
}
