package dev.berth.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoded request body: the tree (duplicate keys resolved last-one-wins) and the duplicates that were
 * seen, so the handler can apply {@code fieldValidation}: Strict refuses them, Warn reports them in
 * {@code Warning} headers, Ignore keeps the tree as is.
 */
public final class DecodedBody {

  /** sigs.k8s.io/json keeps at most this many strict errors; so do we. */
  static final int MAX_STRICT_ERRORS = 100;

  private final JsonNode value;
  private final BodyFormat format;
  private final List<DuplicateField> duplicates;
  private final Map<JsonNode, List<DuplicateField>> duplicatesByObject;

  DecodedBody(JsonNode value, BodyFormat format, List<DuplicateField> duplicates,
      Map<JsonNode, List<DuplicateField>> duplicatesByObject) {
    this.value = value;
    this.format = format;
    this.duplicates = List.copyOf(duplicates);
    this.duplicatesByObject = duplicatesByObject;
  }

  /** Wraps an already decoded value (e.g. from protobuf): no duplicates. */
  public static DecodedBody of(JsonNode value, BodyFormat format) {
    return new DecodedBody(value, format, List.of(), Map.of());
  }

  /** The decoded value; an {@code ObjectNode} when decoded with {@link BodyDecoder#decodeObject}. */
  public JsonNode value() {
    return value;
  }

  /** The syntax the body was actually parsed as (a JSON body sent as YAML reports JSON). */
  public BodyFormat format() {
    return format;
  }

  /** Every repeated key, in document order. */
  public List<DuplicateField> duplicates() {
    return duplicates;
  }

  public boolean hasDuplicates() {
    return !duplicates.isEmpty();
  }

  /**
   * The duplicates read inside one object of {@link #value()} (by identity), in document order; empty
   * when there are none. Lets a schema walker interleave them with unknown fields as upstream does.
   */
  public List<DuplicateField> duplicatesIn(JsonNode object) {
    if (duplicatesByObject.isEmpty()) {
      return List.of();
    }
    List<DuplicateField> list = duplicatesByObject.get(object);
    return list == null ? List.of() : list;
  }

  /**
   * The strict decoding errors from duplicates alone, as upstream lists them after
   * {@code strict decoding error: }: for JSON one {@code duplicate field "path"} per repeated path; for
   * YAML a single {@code yaml: unmarshal errors:} entry with one indented line per duplicate key.
   */
  public List<String> strictErrors() {
    if (duplicates.isEmpty()) {
      return List.of();
    }
    if (format == BodyFormat.YAML) {
      StringBuilder sb = new StringBuilder("yaml: unmarshal errors:");
      for (DuplicateField d : duplicates) {
        sb.append("\n  ").append(d.message());
      }
      return List.of(sb.toString());
    }
    return distinctMessages();
  }

  /** The same problems as one {@code Warning} text each (YAML duplicates are split per line). */
  public List<String> warnings() {
    if (duplicates.isEmpty()) {
      return List.of();
    }
    return distinctMessages();
  }

  private List<String> distinctMessages() {
    Set<String> messages = new LinkedHashSet<>();
    for (DuplicateField d : duplicates) {
      if (messages.size() >= MAX_STRICT_ERRORS) {
        break;
      }
      messages.add(d.message());
    }
    return new ArrayList<>(messages);
  }

  static Map<JsonNode, List<DuplicateField>> index(List<DuplicateField> all,
      List<JsonNode> parents) {
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<JsonNode, List<DuplicateField>> map = new IdentityHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      map.computeIfAbsent(parents.get(i), k -> new ArrayList<>(2)).add(all.get(i));
    }
    return map;
  }
}
