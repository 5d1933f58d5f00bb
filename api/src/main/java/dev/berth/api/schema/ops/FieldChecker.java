package dev.berth.api.schema.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.codec.BodyFormat;
import dev.berth.api.codec.DecodeErrors;
import dev.berth.api.codec.DecodedBody;
import dev.berth.api.codec.DuplicateField;
import dev.berth.api.codec.GoQuote;
import dev.berth.api.schema.Schema;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a decoded object of a typed (built-in) kind against its schema the way kube-apiserver's
 * strict Go decoding does, without binding to classes: it reports unknown fields (for
 * {@code fieldValidation}) and values of the wrong JSON type (which upstream refuses with 400 whatever
 * {@code fieldValidation} says, as the Go struct cannot hold them).
 *
 * <p>At the top level {@code apiVersion} and {@code kind} are strings and {@code metadata} is always
 * ObjectMeta; the same holds inside {@code x-kubernetes-embedded-resource} values. Fields under
 * {@code x-kubernetes-preserve-unknown-fields} and values of type ANY (RawExtension) are not checked.
 * Maps (additionalProperties) check every value. Thread-safe; runs on every write, so the clean path
 * does not allocate per node.
 */
public final class FieldChecker {

  /** A value Go could not have decoded, with upstream's message, e.g. {@code json: cannot unmarshal
   * string into Go struct field DeploymentSpec.spec.replicas of type int32}. */
  public record TypeMismatch(String path, String message) {}

  /**
   * The outcome of a check.
   *
   * @param strictErrors the strict decoding errors in upstream's order and wording
   *     ({@code unknown field "spec.foo"}, {@code duplicate field "spec.paused"}, or for YAML the
   *     {@code yaml: unmarshal errors:} block first), deduplicated, at most 100: what Strict puts after
   *     {@code strict decoding error: } and Warn sends one {@code Warning} each
   * @param unknownFields the paths of unknown fields alone
   * @param typeMismatches values of the wrong type; when there are any, upstream answers with the first
   *     one alone (a 400 whatever {@code fieldValidation} says) and does not report strict errors
   */
  public record Result(List<String> strictErrors, List<String> unknownFields,
      List<TypeMismatch> typeMismatches) {

    public boolean clean() {
      return strictErrors.isEmpty() && typeMismatches.isEmpty();
    }

    public Optional<TypeMismatch> firstTypeMismatch() {
      return typeMismatches.isEmpty() ? Optional.empty() : Optional.of(typeMismatches.get(0));
    }
  }

  private static final int MAX_ERRORS = 100;
  private static final String QUANTITY_MESSAGE =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  private static final Pattern QUANTITY =
      Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$");
  private static final Result CLEAN = new Result(List.of(), List.of(), List.of());

  private final Schema objectMeta;
  /** apiVersion and kind when a resource's schema does not declare them. */
  private final Schema typeMetaString = Schema.string();

  /** A checker using the standard ObjectMeta schema for metadata. */
  public FieldChecker() {
    this(ObjectMetaSchema.create());
  }

  /** A checker using the given schema for every {@code metadata} of a resource. */
  public FieldChecker(Schema objectMeta) {
    this.objectMeta = objectMeta;
  }

  /** Checks a resource (top-level object) against its kind's schema. */
  public Result check(JsonNode resource, Schema schema) {
    Walk w = new Walk(null, false);
    w.start(resource, schema);
    return w.result();
  }

  /**
   * Checks like {@link #check(DecodedBody, Schema)} and removes the unknown fields from the tree, as
   * Go's decoding into the typed struct drops them: what is stored for Ignore and Warn.
   */
  public Result checkAndDropUnknown(DecodedBody body, Schema schema) {
    Walk w = new Walk(body, true);
    w.start(body.value(), schema);
    return w.result();
  }

  /** {@link #check(JsonNode, Schema)} that also removes the unknown fields (e.g. after a patch). */
  public Result checkAndDropUnknown(JsonNode resource, Schema schema) {
    Walk w = new Walk(null, true);
    w.start(resource, schema);
    return w.result();
  }

  /**
   * Checks a decoded request body, folding in its duplicate keys in upstream's order: for JSON,
   * duplicates and unknown fields interleaved in document order (duplicates of unknown fields are not
   * reported, as a Go struct has no slot to repeat); for YAML the duplicate block first, then unknown
   * fields in key order (upstream converts YAML to JSON through a sorted map first).
   */
  public Result check(DecodedBody body, Schema schema) {
    Walk w = new Walk(body, false);
    w.start(body.value(), schema);
    return w.result();
  }

  /** The state of one check: paths, collected problems. */
  private final class Walk {
    private final DecodedBody body;
    private final boolean drop;
    private final boolean sorted;
    private final FieldPath path = new FieldPath("");
    /** Go's error context: the struct field names only (no map keys, no indices). */
    private final StringBuilder goFields = new StringBuilder(64);
    private Set<String> strict;
    private List<String> unknown;
    private List<TypeMismatch> mismatches;

    Walk(DecodedBody body, boolean drop) {
      this.body = body;
      this.drop = drop;
      this.sorted = body != null && body.format() == BodyFormat.YAML;
      if (sorted && body.hasDuplicates()) {
        strict = new LinkedHashSet<>(body.strictErrors());
      }
    }

    void start(JsonNode value, Schema schema) {
      if (value == null || value.isNull()) {
        return;
      }
      if (!value.isObject()) {
        mismatch(value, schema, schema, false);
        return;
      }
      struct((ObjectNode) value, schema, true, schema);
    }

    Result result() {
      if (strict == null && unknown == null && mismatches == null) {
        return CLEAN;
      }
      return new Result(strict == null ? List.of() : List.copyOf(strict),
          unknown == null ? List.of() : List.copyOf(unknown),
          mismatches == null ? List.of() : List.copyOf(mismatches));
    }

    private void strictError(String message) {
      if (strict == null) {
        strict = new LinkedHashSet<>();
      }
      if (strict.size() < MAX_ERRORS) {
        strict.add(message);
      }
    }

    private void unknownField(String path) {
      if (unknown == null) {
        unknown = new ArrayList<>();
      }
      unknown.add(path);
      strictError(DecodeErrors.unknownField(path));
    }

    private boolean mismatchRoom() {
      if (mismatches == null) {
        mismatches = new ArrayList<>(2);
      }
      return mismatches.size() < MAX_ERRORS;
    }

    /** A property of a resource root or embedded resource: TypeMeta and ObjectMeta are implied. */
    private Schema resourceProperty(Schema s, String key) {
      switch (key) {
        case "metadata":
          return objectMeta;
        case "apiVersion", "kind": {
          Schema declared = s.property(key);
          return declared != null ? declared : typeMetaString;
        }
        default:
          return s.property(key);
      }
    }

    private void struct(ObjectNode obj, Schema s, boolean resource, Schema owner) {
      List<DuplicateField> dups = body == null || sorted ? List.of() : body.duplicatesIn(obj);
      List<String> dropped = null;
      int nextDup = 0;
      int index = 0;
      for (Iterator<String> keys = keys(obj); keys.hasNext(); ) {
        String key = keys.next();
        index++;
        Schema prop = resource ? resourceProperty(s, key) : s.property(key);
        if (prop != null) {
          int mark = path.key(key);
          int gmark = goFields.length();
          if (gmark > 0) {
            goFields.append('.');
          }
          goFields.append(key);
          value(obj.get(key), prop, s.name() != null ? s : owner);
          goFields.setLength(gmark);
          path.reset(mark);
        } else if (s.additionalProperties() != null) {
          mapValue(key, obj.get(key), s.additionalProperties(), owner);
        } else if (!s.preserveUnknownFields()) {
          unknownField(path.child(key));
          if (drop) {
            if (dropped == null) {
              dropped = new ArrayList<>(2);
            }
            dropped.add(key);
          }
        }
        while (nextDup < dups.size() && dups.get(nextDup).distinctKeysBefore() <= index) {
          DuplicateField d = dups.get(nextDup++);
          boolean known = (resource ? resourceProperty(s, d.key()) : s.property(d.key())) != null
              || s.preserveUnknownFields() || s.additionalProperties() != null;
          if (known) {
            strictError(d.message());
          }
        }
      }
      if (dropped != null) {
        obj.remove(dropped);
      }
    }


    private void map(ObjectNode obj, Schema values, Schema owner) {
      List<DuplicateField> dups = body == null || sorted ? List.of() : body.duplicatesIn(obj);
      int nextDup = 0;
      int index = 0;
      for (Iterator<String> keys = keys(obj); keys.hasNext(); ) {
        String key = keys.next();
        index++;
        mapValue(key, obj.get(key), values, owner);
        while (nextDup < dups.size() && dups.get(nextDup).distinctKeysBefore() <= index) {
          strictError(dups.get(nextDup++).message());
        }
      }
    }

    private void mapValue(String key, JsonNode v, Schema values, Schema owner) {
      int mark = path.key(key);
      value(v, values, owner);
      path.reset(mark);
    }

    private Iterator<String> keys(ObjectNode obj) {
      if (!sorted || obj.size() < 2) {
        return obj.fieldNames();
      }
      List<String> names = new ArrayList<>(obj.size());
      obj.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      return names.iterator();
    }

    private void value(JsonNode v, Schema s, Schema owner) {
      if (v == null || v.isNull() || s == null) {
        return; // null decodes into anything in Go
      }
      switch (s.type()) {
        case OBJECT -> {
          if (!v.isObject()) {
            mismatch(v, s, owner, false);
          } else if (s.embeddedResource()) {
            struct((ObjectNode) v, s, true, owner);
          } else if (s.isMap() && s.properties().isEmpty()) {
            map((ObjectNode) v, s.additionalProperties(), owner);
          } else if (s.preserveUnknownFields() && s.properties().isEmpty()) {
            return;
          } else {
            struct((ObjectNode) v, s, false, owner);
          }
        }
        case ARRAY -> {
          if (!v.isArray()) {
            mismatch(v, s, owner, false);
            return;
          }
          for (int i = 0; i < v.size(); i++) {
            int mark = path.index(i);
            value(v.get(i), s.items(), owner);
            path.reset(mark);
          }
        }
        case STRING -> {
          if (!v.isTextual()) {
            if (GoTypes.isTime(s)) {
              mismatchOfType(v, "string", owner, false);
            } else if (GoTypes.isQuantity(s)) {
              if (!v.isNumber()) {
                fatal(QUANTITY_MESSAGE);
              }
            } else {
              mismatch(v, s, owner, false);
            }
            return;
          }
          checkString(v.textValue(), s);
        }
        case INTEGER -> {
          if (!v.isNumber()) {
            mismatch(v, s, owner, false);
          } else if (!GoTypes.fitsInteger(v, s.format())) {
            mismatch(v, s, owner, true);
          }
        }
        case NUMBER -> {
          if (!v.isNumber()) {
            mismatch(v, s, owner, false);
          }
        }
        case BOOLEAN -> {
          if (!v.isBoolean()) {
            mismatch(v, s, owner, false);
          }
        }
        case INT_OR_STRING -> {
          if (GoTypes.isQuantity(s)) {
            if (v.isTextual() ? !QUANTITY.matcher(v.textValue()).matches() : !v.isNumber()) {
              fatal(QUANTITY_MESSAGE);
            }
          } else if (!v.isTextual() && !(v.isNumber() && GoTypes.fitsInteger(v, "int32"))) {
            mismatchOfType(v, "int32", owner, v.isNumber());
          }
        }
        case ANY -> {
          if (s.embeddedResource() && v.isObject()) {
            struct((ObjectNode) v, s, true, owner);
          } else if (v.isObject() && !s.properties().isEmpty()) {
            struct((ObjectNode) v, s, false, owner);
          }
        }
      }
    }

    private void checkString(String text, Schema s) {
      if (GoTypes.isQuantity(s)) {
        if (!QUANTITY.matcher(text).matches()) {
          fatal(QUANTITY_MESSAGE);
        }
        return;
      }
      String format = s.format();
      if ("byte".equals(format)) {
        int bad = base64Error(text);
        if (bad >= 0) {
          fatal("illegal base64 data at input byte " + bad);
        }
      } else if (GoTypes.isTime(s) && !isRfc3339(text)) {
        fatal("parsing time " + quote(text) + " as \"2006-01-02T15:04:05Z07:00\": cannot parse "
            + quote(text) + " as \"2006\"");
      }
    }

    private void mismatch(JsonNode v, Schema s, Schema owner, boolean numberLiteral) {
      mismatchOfType(v, GoTypes.typeName(s), owner, numberLiteral);
    }

    private void mismatchOfType(JsonNode v, String goType, Schema owner,
        boolean numberLiteral) {
      if (!mismatchRoom()) {
        return;
      }
      String valueName = GoTypes.valueName(v, numberLiteral);
      String message = goFields.isEmpty()
          ? "json: cannot unmarshal " + valueName + " into Go value of type " + goType
          : "json: cannot unmarshal " + valueName + " into Go struct field "
              + GoTypes.structName(owner) + "."
              + goFields + " of type " + goType;
      mismatches.add(new TypeMismatch(path.toString(), message));
    }

    /** A decode failure reported by a type's own UnmarshalJSON: no "json:" context. */
    private void fatal(String message) {
      if (mismatchRoom()) {
        mismatches.add(new TypeMismatch(path.toString(), message));
      }
    }
  }

  private static String quote(String s) {
    return GoQuote.quote(s);
  }

  private static boolean isRfc3339(String s) {
    try {
      OffsetDateTime.parse(s);
      return s.length() >= 20 && s.charAt(10) == 'T';
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * Go's StdEncoding error offset: the index of the first byte that cannot be base64 here, or the
   * length for a bad tail; -1 when the text decodes. Go skips CR and LF.
   */
  static int base64Error(String text) {
    String cleaned = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
        ? text.replace("\n", "").replace("\r", "") : text;
    try {
      Base64.getDecoder().decode(cleaned);
      // Go requires padding: an incomplete last quantum is reported at its start
      return cleaned.length() % 4 == 0 ? -1 : cleaned.length() - cleaned.length() % 4;
    } catch (IllegalArgumentException e) {
      for (int i = 0; i < cleaned.length(); i++) {
        char c = cleaned.charAt(i);
        boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '+' || c == '/';
        if (!alphabet && c != '=') {
          return i;
        }
        if (c == '=') {
          // padding is only valid in the last quantum
          int rest = cleaned.length() - i;
          if (rest > 2 || (cleaned.length() % 4) != 0) {
            return i;
          }
        }
      }
      return cleaned.length() - cleaned.length() % 4;
    }
  }
}
