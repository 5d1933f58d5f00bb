package dev.berth.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reading, writing and validating {@code metadata.managedFields}, as kube-apiserver's
 * managedfields package and ObjectMeta validation do.
 */
public final class ManagedFields {

  /** The annotation kubectl's client-side apply keeps its last configuration in. */
  public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /** Upstream's limit on manager names (and on the fieldManager request parameter). */
  public static final int FIELD_MANAGER_MAX_LENGTH = 128;

  /** Upstream's limit on the subresource of an entry. */
  public static final int MAX_SUBRESOURCE_NAME_LENGTH = 256;

  private static final DateTimeFormatter RFC3339_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private ManagedFields() {}

  /** How a manager got its fields. */
  public enum Operation {
    APPLY("Apply"),
    UPDATE("Update");

    private final String wire;

    Operation(String wire) {
      this.wire = wire;
    }

    /** The value in JSON: {@code Apply} or {@code Update}. */
    public String wire() {
      return wire;
    }

    static Operation parse(String s) {
      return switch (s) {
        case "Apply" -> APPLY;
        case "Update" -> UPDATE;
        default -> null;
      };
    }
  }

  /**
   * One managedFields entry.
   *
   * @param time when the entry last changed, in whole seconds; null when unknown
   * @param subresource empty for the main resource
   */
  public record Entry(String manager, Operation operation, String apiVersion, Instant time,
      String subresource, FieldSet fields) {

    public Entry {
      Objects.requireNonNull(manager, "manager");
      Objects.requireNonNull(operation, "operation");
      apiVersion = apiVersion == null ? "" : apiVersion;
      subresource = subresource == null ? "" : subresource;
      Objects.requireNonNull(fields, "fields");
    }

    /**
     * Upstream's manager identifier: the entry without its fields and time (and without the
     * apiVersion for appliers), as JSON. Two entries with the same identifier are the same manager.
     */
    public String identifier() {
      return ManagedFields.identifier(manager, operation, apiVersion, subresource);
    }
  }

  static String identifier(String manager, Operation op, String apiVersion, String subresource) {
    StringBuilder sb = new StringBuilder(64).append('{');
    boolean first = true;
    if (!manager.isEmpty()) {
      sb.append("\"manager\":");
      GoJson.appendString(sb, manager);
      first = false;
    }
    if (!first) {
      sb.append(',');
    }
    sb.append("\"operation\":\"").append(op.wire()).append('"');
    if (op == Operation.UPDATE && !apiVersion.isEmpty()) {
      sb.append(",\"apiVersion\":");
      GoJson.appendString(sb, apiVersion);
    }
    if (!subresource.isEmpty()) {
      sb.append(",\"subresource\":");
      GoJson.appendString(sb, subresource);
    }
    return sb.append('}').toString();
  }

  /** The outcome of decoding managedFields. */
  public sealed interface Decoded {
    /** Entries by manager identifier; a later entry with the same identifier replaces an earlier one. */
    record Valid(List<Entry> entries) implements Decoded {}

    /** Why the entries cannot be used, in upstream's words. */
    record Invalid(String reason) implements Decoded {}
  }

  /** {@code metadata.managedFields} of an object, or null when absent. */
  public static JsonNode of(JsonNode obj) {
    if (obj == null) {
      return null;
    }
    JsonNode meta = obj.get("metadata");
    return meta == null ? null : meta.get("managedFields");
  }

  /**
   * Decodes managedFields as upstream's DecodeManagedFields: operation must be Apply or Update,
   * apiVersion set, fieldsType FieldsV1, and fieldsV1 a valid field set. Absent or null decodes to
   * no entries.
   */
  public static Decoded decode(JsonNode managedFields) {
    return decode(managedFields, PathElement::parse);
  }

  static Decoded decode(JsonNode managedFields, Function<String, PathElement> parser) {
    if (managedFields == null || managedFields.isNull()) {
      return new Decoded.Valid(List.of());
    }
    if (!managedFields.isArray()) {
      return new Decoded.Invalid("managedFields must be a list");
    }
    Map<String, Entry> byId = new LinkedHashMap<>();
    for (int i = 0; i < managedFields.size(); i++) {
      JsonNode e = managedFields.get(i);
      if (!e.isObject()) {
        return new Decoded.Invalid("managed fields entry " + i + " must be an object");
      }
      String op;
      String apiVersion;
      String fieldsType;
      String manager;
      String subresource;
      String time;
      try {
        op = text(e, "operation");
        apiVersion = text(e, "apiVersion");
        fieldsType = text(e, "fieldsType");
        manager = text(e, "manager");
        subresource = text(e, "subresource");
        time = e.hasNonNull("time") ? text(e, "time") : null;
      } catch (IllegalArgumentException bad) {
        return new Decoded.Invalid(bad.getMessage());
      }
      Operation operation = Operation.parse(op);
      if (operation == null) {
        return new Decoded.Invalid("operation must be `Apply` or `Update`");
      }
      if (apiVersion.isEmpty()) {
        return new Decoded.Invalid("apiVersion must not be empty");
      }
      if (fieldsType.isEmpty()) {
        return new Decoded.Invalid("missing fieldsType in managed fields entry " + i);
      }
      if (!fieldsType.equals("FieldsV1")) {
        return new Decoded.Invalid("invalid fieldsType " + GoJson.goQuote(fieldsType)
            + " in managed fields entry " + i);
      }
      Instant at = null;
      if (time != null) {
        at = parseTime(time);
        if (at == null) {
          return new Decoded.Invalid("parsing time " + GoJson.goQuote(time) + " as RFC3339");
        }
      }
      FieldSet fields;
      try {
        fields = FieldSet.fromJson(e.get("fieldsV1"), parser);
      } catch (IllegalArgumentException bad) {
        return new Decoded.Invalid("error decoding versioned set: error decoding set: " + bad.getMessage());
      }
      Entry entry = new Entry(manager, operation, apiVersion, at, subresource, fields);
      byId.put(entry.identifier(), entry);
    }
    return new Decoded.Valid(List.copyOf(byId.values()));
  }

  private static String text(JsonNode e, String field) {
    JsonNode v = e.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.textValue();
  }

  /** An RFC 3339 time truncated to seconds, or null when it is not one. */
  static Instant parseTime(String s) {
    Instant fast = parseCanonicalTime(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
          .truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code 2006-01-02T15:04:05Z}, the form this server writes, without the general parser. */
  private static Instant parseCanonicalTime(String s) {
    if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    try {
      long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** RFC 3339 in UTC with whole seconds, as metav1.Time is written. */
  public static String formatTime(Instant t) {
    return RFC3339_SECONDS.format(t);
  }

  /**
   * The managedFields list for {@code entries}, in upstream's order (Apply before Update, then by
   * time, manager, apiVersion and subresource), with each entry's fields in FieldsV1 form.
   */
  public static ArrayNode encode(Collection<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(ENTRY_ORDER);
    ArrayNode out = JsonNodeFactory.instance.arrayNode(sorted.size());
    for (Entry e : sorted) {
      out.add(encode(e, e.fields().toJson()));
    }
    return out;
  }

  /** Upstream's sortEncodedManagedFields order. */
  static final Comparator<Entry> ENTRY_ORDER = Comparator
      .comparing((Entry e) -> e.operation().wire())
      .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
      .thenComparing(Entry::manager, GoJson::compareStrings)
      .thenComparing(Entry::apiVersion, GoJson::compareStrings)
      .thenComparing(Entry::subresource, GoJson::compareStrings);

  /** One entry, with fields in the order kube-apiserver writes them. */
  static ObjectNode encode(Entry e, JsonNode fieldsV1) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (!e.manager().isEmpty()) {
      o.put("manager", e.manager());
    }
    o.put("operation", e.operation().wire());
    if (!e.apiVersion().isEmpty()) {
      o.put("apiVersion", e.apiVersion());
    }
    if (e.time() != null) {
      o.put("time", formatTime(e.time()));
    }
    o.put("fieldsType", "FieldsV1");
    o.set("fieldsV1", fieldsV1);
    if (!e.subresource().isEmpty()) {
      o.put("subresource", e.subresource());
    }
    return o;
  }

  /**
   * Reads managedFields this server stored, without decoding the field sets (they are decoded when
   * an operation needs them). Only the entry shape is checked; null when it is not valid, in which
   * case the caller falls back to {@link #decode}.
   */
  static List<Tracked> readStored(JsonNode managedFields) {
    if (managedFields == null || managedFields.isNull()) {
      return List.of();
    }
    if (!managedFields.isArray()) {
      return null;
    }
    List<Tracked> out = new ArrayList<>(managedFields.size());
    for (JsonNode e : managedFields) {
      if (!e.isObject()) {
        return null;
      }
      JsonNode op = e.get("operation");
      JsonNode apiVersion = e.get("apiVersion");
      JsonNode fieldsType = e.get("fieldsType");
      JsonNode fieldsV1 = e.get("fieldsV1");
      JsonNode manager = e.get("manager");
      JsonNode subresource = e.get("subresource");
      JsonNode time = e.get("time");
      Operation operation = op != null && op.isTextual() ? Operation.parse(op.textValue()) : null;
      if (operation == null || apiVersion == null || !apiVersion.isTextual() || apiVersion.textValue().isEmpty()
          || fieldsType == null || !"FieldsV1".equals(fieldsType.textValue())
          || (fieldsV1 != null && !fieldsV1.isNull() && !fieldsV1.isObject())
          || (manager != null && !manager.isTextual()) || (subresource != null && !subresource.isTextual())) {
        return null;
      }
      Instant at = null;
      if (time != null && !time.isNull()) {
        at = time.isTextual() ? parseTime(time.textValue()) : null;
        if (at == null) {
          return null;
        }
      }
      out.add(new Tracked(manager == null ? "" : manager.textValue(), operation, apiVersion.textValue(),
          subresource == null ? "" : subresource.textValue(), at,
          fieldsV1 == null || fieldsV1.isNull() ? JsonNodeFactory.instance.objectNode() : fieldsV1, null)
          .storedAs(e));
    }
    return out;
  }

  /** Writes tracked entries in upstream's order (see {@link #encode(Collection)}). */
  static void writeTracked(ObjectNode obj, Collection<Tracked> entries) {
    if (entries.isEmpty()) {
      remove(obj);
      return;
    }
    List<Tracked> sorted = new ArrayList<>(entries);
    sorted.sort(Tracked.ORDER);
    ArrayNode out = JsonNodeFactory.instance.arrayNode(sorted.size());
    for (Tracked t : sorted) {
      out.add(t.encode());
    }
    metadata(obj).set("managedFields", out);
  }

  /** Sets {@code metadata.managedFields} of {@code obj}, or removes it when there are no entries. */
  public static void write(ObjectNode obj, Collection<Entry> entries) {
    if (entries.isEmpty()) {
      remove(obj);
      return;
    }
    metadata(obj).set("managedFields", encode(entries));
  }

  static void remove(ObjectNode obj) {
    JsonNode meta = obj.get("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("managedFields");
    }
  }

  static ObjectNode metadata(ObjectNode obj) {
    JsonNode meta = obj.get("metadata");
    if (meta instanceof ObjectNode m) {
      return m;
    }
    return obj.putObject("metadata");
  }

  /**
   * Whether a client's managedFields asks to reset tracking: an empty list, or a list holding one
   * empty entry. (Absent or null means "keep what the server has".)
   */
  public static boolean isReset(JsonNode managedFields) {
    if (managedFields == null || !managedFields.isArray()) {
      return false;
    }
    return managedFields.isEmpty()
        || (managedFields.size() == 1 && managedFields.get(0).isObject() && managedFields.get(0).isEmpty());
  }

  /**
   * Validates client-supplied managedFields as ObjectMeta validation does (the caller reports these
   * as 422 Invalid): each entry's operation must be Apply or Update, fieldsType FieldsV1 when set,
   * manager at most 128 printable characters, subresource at most 256 bytes.
   *
   * @param fieldPath where the list is, normally {@code metadata.managedFields}
   * @throws dev.berth.api.status.ApiException 400 when the JSON does not have the shape of a
   *     managedFields list at all (as a decoding error would upstream)
   */
  public static List<FieldError> validate(JsonNode managedFields, String fieldPath) {
    if (managedFields == null || managedFields.isNull()) {
      return List.of();
    }
    if (!managedFields.isArray()) {
      throw decodeError(fieldPath, managedFields, "[]v1.ManagedFieldsEntry");
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < managedFields.size(); i++) {
      JsonNode e = managedFields.get(i);
      String at = fieldPath + "[" + i + "]";
      if (e.isNull()) {
        e = JsonNodeFactory.instance.objectNode();
      }
      if (!e.isObject()) {
        throw decodeError(fieldPath, e, "v1.ManagedFieldsEntry");
      }
      for (String f : List.of("manager", "operation", "apiVersion", "time", "fieldsType", "subresource")) {
        JsonNode v = e.get(f);
        if (v != null && !v.isNull() && !v.isTextual()) {
          throw decodeError(at + "." + f, v, f.equals("time") ? "v1.Time" : "string");
        }
      }
      JsonNode time = e.get("time");
      if (time != null && time.isTextual() && parseTime(time.textValue()) == null) {
        throw ApiErrors.badRequest("parsing time " + GoJson.quote(time.textValue())
            + " as \"2006-01-02T15:04:05Z07:00\": cannot parse " + GoJson.quote(time.textValue())
            + " as \"2006\"");
      }
      JsonNode fieldsV1 = e.get("fieldsV1");
      if (fieldsV1 != null && !fieldsV1.isNull() && !fieldsV1.isObject()) {
        throw decodeError(at + ".fieldsV1", fieldsV1, "v1.FieldsV1");
      }
      String op = e.path("operation").asText("");
      if (Operation.parse(op) == null) {
        errors.add(FieldError.invalid(at + ".operation", op, "must be `Apply` or `Update`"));
      }
      String fieldsType = e.path("fieldsType").asText("");
      if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
        errors.add(FieldError.invalid(at + ".fieldsType", fieldsType, "must be `FieldsV1`"));
      }
      errors.addAll(validateFieldManager(e.path("manager").asText(""), at + ".manager"));
      String sub = e.path("subresource").asText("");
      if (sub.getBytes(StandardCharsets.UTF_8).length > MAX_SUBRESOURCE_NAME_LENGTH) {
        errors.add(FieldError.tooLong(at + ".subresource", MAX_SUBRESOURCE_NAME_LENGTH));
      }
    }
    return errors;
  }

  /**
   * Upstream's ValidateFieldManager, for managedFields entries and for the {@code fieldManager}
   * request parameter: at most 128 bytes, every character printable.
   */
  public static List<FieldError> validateFieldManager(String manager, String fieldPath) {
    List<FieldError> errors = new ArrayList<>();
    byte[] utf8 = manager.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > FIELD_MANAGER_MAX_LENGTH) {
      errors.add(FieldError.tooLong(fieldPath, FIELD_MANAGER_MAX_LENGTH));
    }
    int bytePos = 0;
    for (int i = 0; i < manager.length(); ) {
      int cp = manager.codePointAt(i);
      if (!GoJson.isPrintable(cp)) {
        errors.add(FieldError.invalid(fieldPath, manager,
            String.format("invalid character U+%04X (at position %d)", cp, bytePos)));
      }
      bytePos += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      i += Character.charCount(cp);
    }
    return errors;
  }

  private static dev.berth.api.status.ApiException decodeError(String field, JsonNode value, String goType) {
    String jsonType = switch (value.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "bool";
      case ARRAY -> "array";
      case OBJECT -> "object";
      default -> "value";
    };
    return ApiErrors.badRequest("json: cannot unmarshal " + jsonType + " into Go struct field "
        + field + " of type " + goType);
  }
}
