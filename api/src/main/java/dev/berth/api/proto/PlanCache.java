package dev.berth.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.berth.api.proto.MessagePlan.Special;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoding plans for protobuf message types, built once per type on first use and then shared by
 * all requests.
 *
 * <p>Two facts about Kubernetes' Go types are not in the protobuf descriptors and come from here:
 * <ul>
 *   <li>client-go's gogo-protobuf encoder writes every Go <em>value</em> field, set or not (an empty
 *       {@code generateName}, {@code hostPort: 0}), while Go's encoding/json leaves a zero value
 *       field out when it is tagged {@code omitempty}. Pointer fields are written only when set, and
 *       then their zero is meaningful ({@code replicas: 0}, {@code runAsUser: 0}). So the decoder
 *       must know, for a zero on the wire, whether encoding/json would have written it. By default
 *       an empty string or byte string is dropped (an empty string pointer almost never means
 *       anything) and a zero number or false is kept (a pointer's zero often does). The resource
 *       {@code go-omitempty-fields.txt} lists the exceptions observed in real kubectl requests:
 *       {@code -field} for a value field whose zero encoding/json omits, {@code +field} for one it
 *       writes (a required field such as a container's {@code name}, or a string pointer whose empty
 *       value means something, such as a claim's {@code storageClassName}).</li>
 *   <li>a few proto field names differ from the JSON names, and embedded Go structs are nested
 *       messages in protobuf but flattened in JSON.</li>
 * </ul>
 */
final class PlanCache {

  static final String OMITEMPTY_RESOURCE = "go-omitempty-fields.txt";

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final Map<String, Special> SPECIALS = Map.of(
      META + "Time", Special.TIME,
      META + "MicroTime", Special.MICRO_TIME,
      META + "Duration", Special.DURATION,
      META + "FieldsV1", Special.FIELDS_V1,
      "k8s.io.apimachinery.pkg.api.resource.Quantity", Special.QUANTITY,
      "k8s.io.apimachinery.pkg.api.resource.QuantityValue", Special.QUANTITY,
      "k8s.io.apimachinery.pkg.util.intstr.IntOrString", Special.INT_OR_STRING,
      "k8s.io.apimachinery.pkg.runtime.RawExtension", Special.RAW_EXTENSION,
      "k8s.io.apimachinery.pkg.runtime.Unknown", Special.UNKNOWN);

  /** Proto field names that are not the JSON names (the Go protobuf tags name the Go field). */
  private static final Map<String, String> JSON_RENAMES = renames();

  /**
   * Embedded Go structs ({@code json:",inline"}). go-to-protobuf turns each into a message field
   * named after the embedded type; JSON flattens it. Found by listing the fields named after their
   * own type and checking each against the Go types (and kubectl's JSON, in the tests).
   */
  private static final Set<String> INLINE = inlineFields();

  /** Per message type: field name to whether its zero value is written (true) or omitted. */
  private final Map<String, Map<String, Boolean>> zeroPolicy;
  private final Map<Descriptor, MessagePlan> plans = new ConcurrentHashMap<>();

  PlanCache(Map<String, Map<String, Boolean>> zeroPolicy) {
    this.zeroPolicy = Map.copyOf(zeroPolicy);
  }

  /** A cache using the bundled table of omitempty value fields. */
  static PlanCache withBundledTable() {
    try (InputStream in = PlanCache.class.getResourceAsStream(OMITEMPTY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OMITEMPTY_RESOURCE);
      }
      return new PlanCache(parseTable(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses lines {@code full.message.Name: -omitted +written ...}; {@code #} starts a comment.
   */
  static Map<String, Map<String, Boolean>> parseTable(InputStream in) throws IOException {
    Map<String, Map<String, Boolean>> table = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      int colon = content.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException("bad line in " + OMITEMPTY_RESOURCE + ": " + line);
      }
      Map<String, Boolean> fields = table.computeIfAbsent(content.substring(0, colon).strip(),
          k -> new HashMap<>());
      String list = content.substring(colon + 1).strip();
      for (String entry : list.isEmpty() ? new String[0] : list.split("\\s+")) {
        char sign = entry.charAt(0);
        if ((sign != '+' && sign != '-') || entry.length() < 2) {
          throw new IllegalStateException("bad entry in " + OMITEMPTY_RESOURCE + ": " + entry);
        }
        fields.put(entry.substring(1), sign == '+');
      }
    }
    table.replaceAll((k, v) -> Map.copyOf(v));
    return table;
  }

  MessagePlan plan(Descriptor type) {
    MessagePlan plan = plans.get(type);
    if (plan == null) {
      // Building a plan never builds another (children resolve lazily), so this cannot recurse.
      plan = plans.computeIfAbsent(type, this::build);
    }
    return plan;
  }

  private MessagePlan build(Descriptor type) {
    String fullName = type.getFullName();
    Special special = SPECIALS.getOrDefault(fullName, Special.NONE);
    List<FieldDescriptor> descriptors = type.getFields();
    if (special == Special.NONE && descriptors.size() == 1) {
      FieldDescriptor only = descriptors.get(0);
      if (only.getName().equals("items") && only.isRepeated()
          && only.getType() == FieldDescriptor.Type.STRING) {
        special = Special.STRING_LIST;
      }
    }
    Map<String, Boolean> policy = zeroPolicy.getOrDefault(fullName, Map.of());
    FieldPlan[] fields = new FieldPlan[descriptors.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = fieldPlan(descriptors.get(i), i, fullName, policy);
    }
    return new MessagePlan(fullName, type.getName(), special, fields);
  }

  private static FieldPlan fieldPlan(FieldDescriptor f, int index, String owner,
      Map<String, Boolean> policy) {
    String jsonName = JSON_RENAMES.getOrDefault(owner + "." + f.getName(), f.getName());
    FieldPlan.Scalar scalar = FieldPlan.Scalar.of(f.getType());
    boolean omitZero;
    if (scalar == null || f.isRepeated()) {
      omitZero = false; // messages keep Go's struct semantics; lists are never zero on the wire
    } else if (policy.containsKey(f.getName())) {
      omitZero = !policy.get(f.getName());
    } else {
      omitZero = scalar == FieldPlan.Scalar.STRING || scalar == FieldPlan.Scalar.BYTES;
    }
    FieldPlan key = null;
    FieldPlan value = null;
    if (f.isMapField()) {
      Descriptor entry = f.getMessageType();
      // Map keys and values are always written, whatever their value.
      Map<String, Boolean> always = Map.of("key", true, "value", true);
      key = fieldPlan(entry.findFieldByNumber(1), 0, entry.getFullName(), always);
      value = fieldPlan(entry.findFieldByNumber(2), 1, entry.getFullName(), always);
    }
    Descriptor messageType = scalar == null && !f.isMapField() ? f.getMessageType() : null;
    FieldDescriptor enumField = f.getType() == FieldDescriptor.Type.ENUM ? f : null;
    boolean inline = messageType != null && !f.isRepeated()
        && INLINE.contains(owner + "." + f.getName());
    return new FieldPlan(f.getNumber(), index, jsonName, scalar, f.isRepeated(), omitZero,
        messageType, key, value, enumField, inline);
  }

  private static Set<String> inlineFields() {
    String core = "k8s.io.api.core.v1.";
    Set<String> s = new java.util.HashSet<>(Set.of(
        core + "ConfigMapEnvSource.localObjectReference",
        core + "ConfigMapKeySelector.localObjectReference",
        core + "ConfigMapProjection.localObjectReference",
        core + "ConfigMapVolumeSource.localObjectReference",
        core + "SecretEnvSource.localObjectReference",
        core + "SecretKeySelector.localObjectReference",
        core + "SecretProjection.localObjectReference",
        core + "EphemeralContainer.ephemeralContainerCommon",
        core + "PersistentVolumeSpec.persistentVolumeSource",
        core + "Probe.handler",
        core + "Volume.volumeSource"));
    for (String version : List.of("v1", "v1beta1")) {
      s.add("k8s.io.api.networking." + version + ".IngressRule.ingressRuleValue");
      s.add("k8s.io.api.extensions." + version + ".IngressRule.ingressRuleValue");
      String admission = "k8s.io.api.admissionregistration." + version + ".";
      s.add(admission + "NamedRuleWithOperations.ruleWithOperations");
      s.add(admission + "RuleWithOperations.rule");
    }
    return Set.copyOf(s);
  }

  private static Map<String, String> renames() {
    Map<String, String> m = new HashMap<>();
    m.put("k8s.io.api.authentication.v1.BoundObjectReference.uID", "uid");
    m.put("k8s.io.api.networking.v1.IngressClassParametersReference.aPIGroup", "apiGroup");
    for (String version : List.of("v1", "v1beta1", "v1alpha1")) {
      String p = "k8s.io.api.admissionregistration." + version + ".";
      m.put(p + "MutatingWebhookConfiguration.Webhooks", "webhooks");
      m.put(p + "ValidatingWebhookConfiguration.Webhooks", "webhooks");
      m.put(p + "Validation.Expression", "expression");
      m.put(p + "Variable.Name", "name");
      m.put(p + "Variable.Expression", "expression");
    }
    return Map.copyOf(m);
  }
}
