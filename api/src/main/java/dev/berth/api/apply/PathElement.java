package dev.berth.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a field path, as structured-merge-diff's PathElement: a struct or map field
 * ({@code f:name}), an associative-list element by its key fields ({@code k:{"name":"c"}}), a set
 * element by value ({@code v:"x"}) or a list index ({@code i:0}).
 *
 * <p>Elements are totally ordered as upstream orders them (field names, then keys, then values, then
 * indexes), which fixes the order of FieldsV1 objects and of conflict lists. {@link #toKeyString()}
 * is the FieldsV1 key, {@link #toString()} the human form used in conflict messages.
 */
public sealed interface PathElement extends Comparable<PathElement>
    permits PathElement.Field, PathElement.Key, PathElement.Value, PathElement.Index {

  /** A field of a struct or an entry of a map. */
  static PathElement field(String name) {
    return new Field(name);
  }

  /**
   * An associative-list element identified by its key fields. The fields are sorted by name, as
   * upstream sorts them; numbers are compared and printed as Go does.
   */
  static PathElement key(Map<String, JsonNode> keyFields) {
    List<Key.KeyField> fields = new ArrayList<>(keyFields.size());
    keyFields.forEach((k, v) -> fields.add(new Key.KeyField(k, GoJson.normalize(v))));
    return Key.sorted(fields);
  }

  /** A set element identified by its (scalar) value. */
  static PathElement value(JsonNode value) {
    return new Value(GoJson.normalize(value));
  }

  static PathElement index(int index) {
    return new Index(index);
  }

  /**
   * Parses a FieldsV1 key ({@code f:spec}, {@code k:{"name":"c"}}, {@code v:5}, {@code i:0}).
   *
   * @return null for a well-formed key of a kind this version does not know (upstream drops those)
   * @throws IllegalArgumentException when the key is malformed
   */
  static PathElement parse(String key) {
    if (key.length() < 2) {
      throw new IllegalArgumentException("key must be 2 characters long: " + key);
    }
    if (key.charAt(1) != ':') {
      throw new IllegalArgumentException("missing colon: " + key);
    }
    String body = key.substring(2);
    return switch (key.charAt(0)) {
      case 'f' -> new Field(body);
      case 'v' -> new Value(GoJson.normalize(Key.readJson(body, key)));
      case 'k' -> {
        JsonNode obj = Key.readJson(body, key);
        if (!obj.isObject()) {
          throw new IllegalArgumentException("key of " + key + " is not a JSON object");
        }
        List<Key.KeyField> fields = new ArrayList<>(obj.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          fields.add(new Key.KeyField(e.getKey(), GoJson.normalize(e.getValue())));
        }
        yield Key.sorted(fields);
      }
      case 'i' -> {
        try {
          yield new Index(Integer.parseInt(body));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad index in " + key, e);
        }
      }
      default -> null;
    };
  }

  /** The FieldsV1 key of this element, e.g. {@code k:{"containerPort":80,"protocol":"TCP"}}. */
  String toKeyString();

  /** The element as upstream prints it in paths: {@code .name}, {@code [name="c"]}, {@code [="x"]}, {@code [0]}. */
  @Override
  String toString();

  /** 0 for fields, 1 keys, 2 values, 3 indexes: the first criterion of the order. */
  int rank();

  @Override
  default int compareTo(PathElement o) {
    int r = Integer.compare(rank(), o.rank());
    if (r != 0) {
      return r;
    }
    return switch (this) {
      case Field f -> GoJson.compareStrings(f.name, ((Field) o).name);
      case Key k -> k.compareFields((Key) o);
      case Value v -> GoJson.compareValues(v.value, ((Value) o).value);
      case Index i -> Integer.compare(i.index, ((Index) o).index);
    };
  }

  /** A struct field or map entry, {@code f:<name>}. */
  record Field(String name) implements PathElement {
    public Field {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toKeyString() {
      return "f:" + name;
    }

    @Override
    public String toString() {
      return "." + name;
    }

    @Override
    public int rank() {
      return 0;
    }
  }

  /** An associative-list element, identified by its key fields sorted by name. */
  final class Key implements PathElement {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One key field; the value is normalized (integral numbers are longs). */
    public record KeyField(String name, JsonNode value) {}

    private final List<KeyField> fields;
    private final int hash;
    private String keyString;

    private Key(List<KeyField> sortedFields) {
      this.fields = Collections.unmodifiableList(sortedFields);
      int h = 1;
      for (KeyField f : sortedFields) {
        h = 31 * h + f.name.hashCode();
        h = 31 * h + valueHash(f.value);
      }
      this.hash = h;
    }

    static Key sorted(List<KeyField> fields) {
      if (fields.size() > 1) {
        // A stable sort by name, as upstream's FieldList.Sort.
        fields.sort(Comparator.comparing(KeyField::name, GoJson::compareStrings));
      }
      return new Key(fields);
    }

    static JsonNode readJson(String body, String key) {
      try {
        JsonNode n = JSON.readTree(body);
        if (n == null || n.isMissingNode()) {
          throw new IllegalArgumentException("empty value in " + key);
        }
        return n;
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("parsing key as path element: " + key, e);
      }
    }

    public List<KeyField> fields() {
      return fields;
    }

    int compareFields(Key o) {
      int n = Math.min(fields.size(), o.fields.size());
      for (int i = 0; i < n; i++) {
        KeyField a = fields.get(i);
        KeyField b = o.fields.get(i);
        int c = GoJson.compareStrings(a.name, b.name);
        if (c != 0) {
          return c;
        }
        c = GoJson.compareValues(a.value, b.value);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(fields.size(), o.fields.size());
    }

    @Override
    public String toKeyString() {
      String s = keyString;
      if (s == null) {
        StringBuilder sb = new StringBuilder("k:{");
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          GoJson.appendString(sb, fields.get(i).name);
          sb.append(':');
          GoJson.appendValue(sb, fields.get(i).value);
        }
        s = sb.append('}').toString();
        keyString = s;
      }
      return s;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(fields.get(i).name).append('=').append(GoJson.humanValue(fields.get(i).value));
      }
      return sb.append(']').toString();
    }

    @Override
    public int rank() {
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && compareFields(k) == 0;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** A set element, identified by its value. */
  final class Value implements PathElement {
    private final JsonNode value;
    private String keyString;

    private Value(JsonNode normalized) {
      this.value = normalized;
    }

    public JsonNode value() {
      return value;
    }

    @Override
    public String toKeyString() {
      String s = keyString;
      if (s == null) {
        StringBuilder sb = new StringBuilder("v:");
        GoJson.appendValue(sb, value);
        s = sb.toString();
        keyString = s;
      }
      return s;
    }

    @Override
    public String toString() {
      return "[=" + GoJson.humanValue(value) + "]";
    }

    @Override
    public int rank() {
      return 2;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && GoJson.compareValues(value, v.value) == 0;
    }

    @Override
    public int hashCode() {
      return valueHash(value);
    }
  }

  /** A list position; only used by old managedFields, kept for decoding and round trips. */
  record Index(int index) implements PathElement {
    @Override
    public String toKeyString() {
      return "i:" + index;
    }

    @Override
    public String toString() {
      return "[" + index + "]";
    }

    @Override
    public int rank() {
      return 3;
    }
  }

  private static int valueHash(JsonNode v) {
    if (v.isNumber()) {
      // Normalized numbers: integral values are longs, so 5 and 5.0 hash alike.
      return v.isIntegralNumber() ? Long.hashCode(v.longValue()) : Double.hashCode(v.doubleValue());
    }
    return v.hashCode();
  }
}
