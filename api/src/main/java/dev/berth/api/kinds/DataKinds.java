package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldErrorList;
import dev.berth.api.validation.FieldPath;
import dev.berth.api.validation.Formats;
import dev.berth.api.validation.NameRule;
import dev.berth.api.validation.Nodes;
import dev.berth.api.validation.ObjectMetaValidation;
import dev.berth.api.validation.ObjectMetaValidation.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** ConfigMap and Secret: key formats, the 1 MiB limit, base64 payloads and {@code immutable: true}. */
final class DataKinds {

  private DataKinds() {}

  /** Upstream's MaxSecretSize, also the ConfigMap limit. */
  static final int MAX_SIZE = 1024 * 1024;
  private static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where the first base64 violation is in {@code s} (standard alphabet, padded), or -1 when {@code s} is
   * valid. Mirrors the byte offset Go's decoder reports.
   */
  static int base64ErrorOffset(String s) {
    int n = s.length();
    int pad = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/';
      if (c == '=') {
        if (i < n - 2 || (i == n - 2 && s.charAt(n - 1) != '=') || i % 4 < 2) {
          return i;
        }
        pad++;
      } else if (!alpha || pad > 0) {
        return i;
      }
    }
    if (n % 4 != 0) {
      return n - n % 4;
    }
    return -1;
  }

  /** Decoded size of a base64 value already known to be valid. */
  static int decodedLength(String s) {
    int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
    return s.length() / 4 * 3 - pad;
  }

  /** Validates a map of base64 values; returns the total decoded size. */
  private static long validateBase64Map(JsonNode map, FieldPath path, boolean redact, FieldErrorList errs) {
    long total = 0;
    if (map == null || !map.isObject()) {
      return 0;
    }
    for (var e : map.properties()) {
      String v = Nodes.text(e.getValue());
      int bad = base64ErrorOffset(v);
      if (bad >= 0) {
        errs.invalid(path.key(e.getKey()), redact ? "<secret contents redacted>" : v,
            "illegal base64 data at input byte " + bad);
      } else {
        total += decodedLength(v);
      }
    }
    return total;
  }

  /** core/v1 ConfigMap. */
  static final class ConfigMapStrategy extends AbstractKindStrategy {
    ConfigMapStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath data = FieldPath.of("data");
      FieldPath binary = FieldPath.of("binaryData");
      JsonNode binaryData = Nodes.get(obj, "binaryData");
      long total = 0;
      JsonNode d = Nodes.get(obj, "data");
      if (d != null && d.isObject()) {
        for (var e : d.properties()) {
          errs.invalidEach(data.key(e.getKey()), e.getKey(), Formats.configMapKey(e.getKey()));
          if (binaryData != null && binaryData.has(e.getKey())) {
            errs.invalid(data.key(e.getKey()), e.getKey(), "duplicate of key present in binaryData");
          }
          total += Formats.byteLength(Nodes.text(e.getValue()));
        }
      }
      if (binaryData != null && binaryData.isObject()) {
        binaryData.fieldNames().forEachRemaining(k -> errs.invalidEach(binary.key(k), k, Formats.configMapKey(k)));
        total += validateBase64Map(binaryData, binary, false, errs);
      }
      if (total > MAX_SIZE) {
        errs.tooLong(FieldPath.WHOLE_OBJECT, MAX_SIZE);
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      if (Nodes.bool(old, "immutable")) {
        if (!Nodes.bool(obj, "immutable")) {
          errs.forbidden(FieldPath.of("immutable"), IMMUTABLE_WHEN_SET);
        }
        if (!Nodes.semanticEquals(obj.get("data"), old.get("data"))) {
          errs.forbidden(FieldPath.of("data"), IMMUTABLE_WHEN_SET);
        }
        if (!Nodes.semanticEquals(obj.get("binaryData"), old.get("binaryData"))) {
          errs.forbidden(FieldPath.of("binaryData"), IMMUTABLE_WHEN_SET);
        }
      }
    }
  }

  /** core/v1 Secret. */
  static final class SecretStrategy extends AbstractKindStrategy {
    SecretStrategy() {
      super(Scope.NAMESPACED, NameRule.DNS_SUBDOMAIN);
    }

    /**
     * Type defaults to Opaque, and {@code stringData} is merged into {@code data} (base64-encoded, winning
     * over equal keys) and dropped, as upstream's v1 conversion does before anything else sees the object.
     */
    @Override
    public void applyDefaults(ObjectNode obj) {
      Nodes.defaultText(obj, "type", "Opaque");
      JsonNode stringData = obj.get("stringData");
      if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
        ObjectNode data = Nodes.objectOrCreate(obj, "data");
        stringData.properties().forEach(e -> data.put(e.getKey(),
            Base64.getEncoder().encodeToString(Nodes.text(e.getValue()).getBytes(StandardCharsets.UTF_8))));
      }
      obj.remove("stringData");
    }

    @Override
    void validate(ObjectNode obj, FieldErrorList errs) {
      FieldPath dataPath = FieldPath.of("data");
      JsonNode data = Nodes.get(obj, "data");
      if (data != null && data.isObject()) {
        data.fieldNames().forEachRemaining(k -> errs.invalidEach(dataPath.key(k), k, Formats.configMapKey(k)));
      }
      long total = validateBase64Map(data, dataPath, true, errs);
      if (total > MAX_SIZE) {
        errs.tooLong(dataPath, MAX_SIZE);
      }
      switch (Nodes.text(obj, "type")) {
        case "kubernetes.io/service-account-token" -> {
          JsonNode annotations = Nodes.get(Nodes.get(obj, "metadata"), "annotations");
          if (Nodes.text(annotations, "kubernetes.io/service-account.name").isEmpty()) {
            errs.required(FieldPath.of("metadata", "annotations").key("kubernetes.io/service-account.name"), "");
          }
        }
        case "kubernetes.io/dockercfg" -> requireJson(data, ".dockercfg", dataPath, errs);
        case "kubernetes.io/dockerconfigjson" -> requireJson(data, ".dockerconfigjson", dataPath, errs);
        case "kubernetes.io/basic-auth" -> {
          if (!Nodes.has(data, "username") && !Nodes.has(data, "password")) {
            errs.required(dataPath.key("username"), "");
            errs.required(dataPath.key("password"), "");
          }
        }
        case "kubernetes.io/ssh-auth" -> {
          if (Nodes.text(data, "ssh-privatekey").isEmpty()) {
            errs.required(dataPath.key("ssh-privatekey"), "");
          }
        }
        case "kubernetes.io/tls" -> {
          if (!Nodes.has(data, "tls.crt")) {
            errs.required(dataPath.key("tls.crt"), "");
          }
          if (!Nodes.has(data, "tls.key")) {
            errs.required(dataPath.key("tls.key"), "");
          }
        }
        default -> { }
      }
    }

    private static void requireJson(JsonNode data, String key, FieldPath dataPath, FieldErrorList errs) {
      JsonNode v = Nodes.get(data, key);
      if (v == null) {
        errs.required(dataPath.key(key), "");
        return;
      }
      String encoded = Nodes.text(v);
      if (base64ErrorOffset(encoded) >= 0) {
        return;
      }
      try {
        JsonNode parsed = JSON.readTree(Base64.getDecoder().decode(encoded));
        if (parsed == null || !parsed.isObject()) {
          errs.invalid(dataPath.key(key), "<secret contents redacted>",
              "json: cannot unmarshal into Go value of type map[string]interface {}");
        }
      } catch (java.io.IOException e) {
        errs.invalid(dataPath.key(key), "<secret contents redacted>", "invalid character in JSON input");
      }
    }

    @Override
    void validateTransition(ObjectNode obj, ObjectNode old, FieldErrorList errs) {
      ObjectMetaValidation.immutable(obj.get("type"), old.get("type"), FieldPath.of("type"), errs);
      if (Nodes.bool(old, "immutable")) {
        if (!Nodes.bool(obj, "immutable")) {
          errs.forbidden(FieldPath.of("immutable"), IMMUTABLE_WHEN_SET);
        }
        if (!Nodes.semanticEquals(obj.get("data"), old.get("data"))) {
          errs.forbidden(FieldPath.of("data"), IMMUTABLE_WHEN_SET);
        }
      }
    }
  }
}
