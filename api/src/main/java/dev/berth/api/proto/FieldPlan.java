package dev.berth.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * How one protobuf field becomes one JSON member, worked out once from the descriptor so decoding
 * does no descriptor or reflection work per request.
 */
final class FieldPlan {

  /** Scalar wire representations, with the wire type each is written with. */
  enum Scalar {
    INT32(ProtoReader.VARINT), INT64(ProtoReader.VARINT), UINT32(ProtoReader.VARINT),
    UINT64(ProtoReader.VARINT), SINT32(ProtoReader.VARINT), SINT64(ProtoReader.VARINT),
    BOOL(ProtoReader.VARINT), ENUM(ProtoReader.VARINT), FIXED32(ProtoReader.FIXED32),
    SFIXED32(ProtoReader.FIXED32), FLOAT(ProtoReader.FIXED32), FIXED64(ProtoReader.FIXED64),
    SFIXED64(ProtoReader.FIXED64), DOUBLE(ProtoReader.FIXED64),
    STRING(ProtoReader.LENGTH_DELIMITED), BYTES(ProtoReader.LENGTH_DELIMITED);

    final int wireType;

    Scalar(int wireType) {
      this.wireType = wireType;
    }

    /** Whether a repeated field of this type may arrive packed in one length-delimited record. */
    boolean packable() {
      return wireType != ProtoReader.LENGTH_DELIMITED;
    }

    static Scalar of(FieldDescriptor.Type type) {
      return switch (type) {
        case INT32 -> INT32;
        case INT64 -> INT64;
        case UINT32 -> UINT32;
        case UINT64 -> UINT64;
        case SINT32 -> SINT32;
        case SINT64 -> SINT64;
        case BOOL -> BOOL;
        case ENUM -> ENUM;
        case FIXED32 -> FIXED32;
        case SFIXED32 -> SFIXED32;
        case FLOAT -> FLOAT;
        case FIXED64 -> FIXED64;
        case SFIXED64 -> SFIXED64;
        case DOUBLE -> DOUBLE;
        case STRING -> STRING;
        case BYTES -> BYTES;
        case MESSAGE, GROUP -> null;
      };
    }
  }

  final int number;
  /** Position among the message's fields in declaration (= Go struct, = JSON output) order. */
  final int index;
  final String jsonName;
  /** The Go field name as gogo error messages print it. */
  final String goName;
  /** The wire type of a scalar field; null for message and map fields. */
  final Scalar scalar;
  final boolean repeated;
  /**
   * Whether a zero value ("", 0, false, empty bytes) is left out of the JSON, as Go's encoding/json
   * does for an {@code omitempty} value field that client-go's protobuf encoder still always writes.
   */
  final boolean omitZero;
  /** For message-typed fields (and maps): the message type, resolved to a plan on first use. */
  final Descriptor messageType;
  /** For map fields: the key and value of the map entry. */
  final FieldPlan mapKey;
  final FieldPlan mapValue;
  /** Enum value names by number, for enum fields. */
  final FieldDescriptor enumField;
  /**
   * An embedded Go struct ({@code json:",inline"}): protobuf nests it as a field, JSON lifts its
   * members into the enclosing object.
   */
  final boolean inline;

  private volatile MessagePlan child;

  FieldPlan(int number, int index, String jsonName, Scalar scalar, boolean repeated,
      boolean omitZero, Descriptor messageType, FieldPlan mapKey, FieldPlan mapValue,
      FieldDescriptor enumField, boolean inline) {
    this.number = number;
    this.index = index;
    this.jsonName = jsonName;
    this.goName = jsonName.isEmpty() ? jsonName
        : Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
    this.scalar = scalar;
    this.repeated = repeated;
    this.omitZero = omitZero;
    this.messageType = messageType;
    this.mapKey = mapKey;
    this.mapValue = mapValue;
    this.enumField = enumField;
    this.inline = inline;
  }

  boolean isMap() {
    return mapKey != null;
  }

  /** The plan of this field's message type; plans are shared, so cycles resolve lazily. */
  MessagePlan child(PlanCache plans) {
    MessagePlan c = child;
    if (c == null) {
      c = plans.plan(messageType);
      child = c;
    }
    return c;
  }
}
