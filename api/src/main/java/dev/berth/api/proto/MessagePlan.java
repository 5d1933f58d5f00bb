package dev.berth.api.proto;

import java.util.HashMap;
import java.util.Map;

/** The fields of one protobuf message type, indexed for decoding, and its JSON convention. */
final class MessagePlan {

  /**
   * Message types whose JSON form is not an object of their fields: Kubernetes gives them custom
   * JSON marshalers in Go.
   */
  enum Special {
    /** An ordinary message: a JSON object of its fields. */
    NONE,
    /** metav1.Time: RFC 3339 in UTC, seconds precision; zero time is null. */
    TIME,
    /** metav1.MicroTime: RFC 3339 with microseconds. */
    MICRO_TIME,
    /** metav1.Duration: Go duration text. */
    DURATION,
    /** resource.Quantity: its string. */
    QUANTITY,
    /** intstr.IntOrString: a JSON number or string. */
    INT_OR_STRING,
    /** runtime.RawExtension: the embedded object. */
    RAW_EXTENSION,
    /** metav1.FieldsV1: the embedded JSON of its Raw bytes. */
    FIELDS_V1,
    /** runtime.Unknown inside an object: the embedded object. */
    UNKNOWN,
    /** A named Go string slice (ExtraValue, Verbs): protobuf wraps it as {items}, JSON is the array. */
    STRING_LIST
  }

  final String fullName;
  /** The simple message name, as gogo error messages print it. */
  final String name;
  final Special special;
  /** Fields in declaration order. */
  final FieldPlan[] fields;
  private final FieldPlan[] byNumber;
  private final Map<Integer, FieldPlan> sparse;

  MessagePlan(String fullName, String name, Special special, FieldPlan[] fields) {
    this.fullName = fullName;
    this.name = name;
    this.special = special;
    this.fields = fields;
    int max = 0;
    for (FieldPlan f : fields) {
      max = Math.max(max, f.number);
    }
    // Kubernetes field numbers are small and dense; fall back to a map for odd descriptors.
    if (max <= 256) {
      byNumber = new FieldPlan[max + 1];
      for (FieldPlan f : fields) {
        byNumber[f.number] = f;
      }
      sparse = null;
    } else {
      byNumber = null;
      sparse = new HashMap<>();
      for (FieldPlan f : fields) {
        sparse.put(f.number, f);
      }
    }
  }

  /** The field with this number, or null when the descriptor does not know it. */
  FieldPlan field(int number) {
    if (byNumber != null) {
      return number < byNumber.length ? byNumber[number] : null;
    }
    return sparse.get(number);
  }
}
