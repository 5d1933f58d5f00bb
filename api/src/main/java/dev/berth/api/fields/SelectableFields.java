package dev.berth.api.fields;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a kind can be filtered on with {@code ?fieldSelector=}, as kube-apiserver 1.32 defines
 * them: the labels its field-label conversion accepts (with legacy spellings mapped to their current
 * name) and the string value each field has on an object.
 *
 * <p>Instances are immutable and thread-safe.
 */
public interface SelectableFields {

  /**
   * The canonical field names, those {@link #value(String, ObjectNode)} takes (e.g.
   * {@code spec.nodeName}). Clients usually write these, but a label must go through
   * {@link #canonical(String)} first: legacy spellings ({@code spec.host}) map onto them, and for
   * events.k8s.io the names are the internal {@code involvedObject.*} ones that clients reach only
   * as {@code regarding.*}.
   */
  Set<String> names();

  /**
   * The canonical name of {@code label} as a client wrote it: the label itself when supported, its
   * current spelling for a legacy alias ({@code spec.host} → {@code spec.nodeName},
   * {@code regarding.name} → {@code involvedObject.name} on events.k8s.io), or empty when the kind
   * does not support it.
   */
  Optional<String> canonical(String label);

  /**
   * The value of the canonical field {@code field} on {@code obj}, rendered as upstream's field set
   * does: booleans "true"/"false", integers in decimal, "" when unset. A supported label that
   * upstream accepts but never fills (pods' {@code status.podIPs}) is always "".
   *
   * @throws IllegalArgumentException when {@code field} is not one of {@link #names()}
   */
  String value(String field, ObjectNode obj);

  /** The exact message upstream puts in the 400 response when {@code label} is not supported. */
  String unsupportedMessage(String label);

  /**
   * {@link #canonical(String)}, refusing an unsupported label with the 400 Bad Request upstream
   * sends (its message is {@link #unsupportedMessage(String)}).
   */
  default String requireCanonical(String label) throws ApiException {
    Optional<String> name = canonical(label);
    if (name.isEmpty()) {
      throw ApiErrors.badRequest(unsupportedMessage(label));
    }
    return name.get();
  }

  /** All fields of {@code obj} at once, keyed by canonical name (for indexing or debugging). */
  default Map<String, String> values(ObjectNode obj) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : names()) {
      result.put(name, value(name, obj));
    }
    return result;
  }
}
