package dev.berth.api.proto;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.berth.api.proto.FieldPlan.Scalar;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Turns protobuf-encoded Kubernetes messages into the JSON tree the same object has in Kubernetes'
 * JSON encoding, walking {@link MessagePlan}s over the wire bytes (no intermediate message objects).
 */
final class ProtoJson {

  /** Nesting guard for hostile input; real Kubernetes objects nest a few dozen levels at most. */
  static final int MAX_DEPTH = 100;

  private static final System.Logger LOG = System.getLogger(ProtoJson.class.getName());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final byte[] NO_BYTES = new byte[0];

  /** Decodes an object embedded in a runtime.RawExtension or runtime.Unknown that is itself a
   * protobuf envelope. */
  interface EnvelopeDecoder {
    ObjectNode decodeEnvelope(byte[] buf, int start, int end, int depth);
  }

  private final PlanCache plans;
  private final ObjectMapper json;
  private final EnvelopeDecoder envelopes;

  ProtoJson(PlanCache plans, ObjectMapper json, EnvelopeDecoder envelopes) {
    this.plans = plans;
    this.json = json;
    this.envelopes = envelopes;
  }

  PlanCache plans() {
    return plans;
  }

  /** Decodes one message occupying {@code buf[start, end)}, as a value of its JSON form. */
  JsonNode decodeValue(MessagePlan plan, byte[] buf, int start, int end, int depth) {
    if (depth > MAX_DEPTH) {
      throw new MalformedProtobuf("proto: exceeded maximum nesting depth " + MAX_DEPTH);
    }
    return switch (plan.special) {
      case NONE -> decodeFields(plan, buf, start, end, depth, NODES.objectNode());
      case TIME -> time(plan, buf, start, end, false);
      case MICRO_TIME -> time(plan, buf, start, end, true);
      case DURATION -> duration(plan, buf, start, end);
      case QUANTITY -> quantity(plan, buf, start, end);
      case INT_OR_STRING -> intOrString(plan, buf, start, end);
      case RAW_EXTENSION -> rawExtension(plan, buf, start, end, depth);
      case FIELDS_V1 -> fieldsV1(plan, buf, start, end);
      case UNKNOWN -> embeddedUnknown(plan, buf, start, end, depth);
      case STRING_LIST -> stringList(plan, buf, start, end);
    };
  }

  /**
   * Decodes the fields of a message into {@code target} (which may already hold kind and
   * apiVersion), in declaration order, which is the Go struct's and so the JSON's field order.
   */
  ObjectNode decodeFields(MessagePlan plan, byte[] buf, int start, int end, int depth,
      ObjectNode target) {
    FieldPlan[] fields = plan.fields;
    JsonNode[] values = new JsonNode[fields.length];
    // Singular message fields are decoded after the scan: protobuf merges repeated occurrences.
    long[] spans = null;
    byte[][] mergedBytes = null;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      FieldPlan f = plan.field((int) (tag >>> 3));
      if (f == null) {
        // A field newer than our descriptors: skipped, as gogo skips unknown fields. Logged
        // because client-java-proto may lag the clients' Kubernetes version.
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
          LOG.log(System.Logger.Level.DEBUG, "skipping unknown protobuf field {0} of {1}",
              tag >>> 3, plan.fullName);
        }
        in.skipField(wireType);
        continue;
      }
      if (f.scalar == null) {
        if (wireType != ProtoReader.LENGTH_DELIMITED) {
          throw wrongWireType(wireType, f);
        }
        int fieldEnd = in.readLengthDelimitedEnd();
        int fieldStart = in.position();
        if (f.isMap()) {
          ObjectNode map = (ObjectNode) values[f.index];
          if (map == null) {
            map = NODES.objectNode();
            values[f.index] = map;
          }
          mapEntry(f, buf, fieldStart, fieldEnd, depth, map);
        } else if (f.repeated) {
          ArrayNode list = (ArrayNode) values[f.index];
          if (list == null) {
            list = NODES.arrayNode();
            values[f.index] = list;
          }
          list.add(decodeValue(f.child(plans), buf, fieldStart, fieldEnd, depth + 1));
        } else {
          if (spans == null) {
            spans = new long[fields.length];
            Arrays.fill(spans, -1L);
          }
          long previous = spans[f.index];
          if (previous != -1L) {
            if (mergedBytes == null) {
              mergedBytes = new byte[fields.length][];
            }
            byte[] before = mergedBytes[f.index] != null ? mergedBytes[f.index]
                : Arrays.copyOfRange(buf, (int) (previous >>> 32), (int) previous);
            byte[] joined = Arrays.copyOf(before, before.length + fieldEnd - fieldStart);
            System.arraycopy(buf, fieldStart, joined, before.length, fieldEnd - fieldStart);
            mergedBytes[f.index] = joined;
          }
          spans[f.index] = (long) fieldStart << 32 | fieldEnd;
        }
        in.skipTo(fieldEnd);
      } else if (f.repeated) {
        ArrayNode list = (ArrayNode) values[f.index];
        if (list == null) {
          list = NODES.arrayNode();
          values[f.index] = list;
        }
        if (wireType == ProtoReader.LENGTH_DELIMITED && f.scalar.packable()) {
          int packedEnd = in.readLengthDelimitedEnd();
          ProtoReader packed = new ProtoReader(buf, in.position(), packedEnd);
          while (!packed.atEnd()) {
            list.add(scalar(f, packed));
          }
          in.skipTo(packedEnd);
        } else if (wireType == f.scalar.wireType) {
          list.add(scalar(f, in));
        } else {
          throw wrongWireType(wireType, f);
        }
      } else {
        if (wireType != f.scalar.wireType) {
          throw wrongWireType(wireType, f);
        }
        values[f.index] = scalar(f, in);
      }
    }
    for (FieldPlan f : fields) {
      JsonNode value = values[f.index];
      if (value == null && spans != null && spans[f.index] != -1L) {
        MessagePlan child = f.child(plans);
        if (mergedBytes != null && mergedBytes[f.index] != null) {
          byte[] merged = mergedBytes[f.index];
          value = decodeValue(child, merged, 0, merged.length, depth + 1);
        } else {
          long span = spans[f.index];
          value = decodeValue(child, buf, (int) (span >>> 32), (int) span, depth + 1);
        }
      }
      if (value == null || (f.omitZero && isZero(value))) {
        continue;
      }
      if (f.inline && value instanceof ObjectNode embedded) {
        target.setAll(embedded);
      } else {
        target.set(f.jsonName, value);
      }
    }
    return target;
  }

  private void mapEntry(FieldPlan f, byte[] buf, int start, int end, int depth, ObjectNode map) {
    FieldPlan keyField = f.mapKey;
    FieldPlan valueField = f.mapValue;
    String key = "";
    JsonNode value = null;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(f.goName + "Entry");
      int wireType = (int) (tag & 7);
      int number = (int) (tag >>> 3);
      FieldPlan entryField = number == 1 ? keyField : number == 2 ? valueField : null;
      if (entryField == null) {
        in.skipField(wireType);
      } else if (entryField.scalar != null) {
        if (wireType != entryField.scalar.wireType) {
          throw wrongWireType(wireType, entryField);
        }
        JsonNode v = scalar(entryField, in);
        if (number == 1) {
          key = v.asText();
        } else {
          value = v;
        }
      } else {
        if (wireType != ProtoReader.LENGTH_DELIMITED) {
          throw wrongWireType(wireType, entryField);
        }
        int valueEnd = in.readLengthDelimitedEnd();
        value = decodeValue(entryField.child(plans), buf, in.position(), valueEnd, depth + 1);
        in.skipTo(valueEnd);
      }
    }
    if (value == null) {
      // Go fills an entry without a value with the value type's zero.
      value = valueField.scalar != null ? zero(valueField.scalar)
          : decodeValue(valueField.child(plans), NO_BYTES, 0, 0, depth + 1);
    }
    map.set(key, value);
  }

  private JsonNode scalar(FieldPlan f, ProtoReader in) {
    return switch (f.scalar) {
      case STRING -> {
        int end = in.readLengthDelimitedEnd();
        int start = in.position();
        in.skipTo(end);
        yield TextNode.valueOf(new String(in.buffer(), start, end - start, StandardCharsets.UTF_8));
      }
      case BYTES -> {
        int end = in.readLengthDelimitedEnd();
        int start = in.position();
        in.skipTo(end);
        yield TextNode.valueOf(Base64.getEncoder()
            .encodeToString(Arrays.copyOfRange(in.buffer(), start, end)));
      }
      case INT32, SFIXED32 -> IntNode.valueOf(
          f.scalar == Scalar.INT32 ? (int) in.readVarint() : in.readFixed32());
      case INT64, SFIXED64 -> number(f.scalar == Scalar.INT64 ? in.readVarint() : in.readFixed64());
      case UINT32 -> number(in.readVarint() & 0xFFFFFFFFL);
      case FIXED32 -> number(in.readFixed32() & 0xFFFFFFFFL);
      case UINT64, FIXED64 -> {
        long v = f.scalar == Scalar.UINT64 ? in.readVarint() : in.readFixed64();
        yield v >= 0 ? number(v)
            : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(v)));
      }
      case SINT32 -> {
        int v = (int) in.readVarint();
        yield IntNode.valueOf((v >>> 1) ^ -(v & 1));
      }
      case SINT64 -> {
        long v = in.readVarint();
        yield number((v >>> 1) ^ -(v & 1));
      }
      case BOOL -> BooleanNode.valueOf(in.readVarint() != 0);
      case ENUM -> {
        int v = (int) in.readVarint();
        EnumValueDescriptor e = f.enumField.getEnumType().findValueByNumber(v);
        yield e != null ? TextNode.valueOf(e.getName()) : IntNode.valueOf(v);
      }
      case FLOAT -> finite(Float.intBitsToFloat(in.readFixed32()));
      case DOUBLE -> finite(Double.longBitsToDouble(in.readFixed64()));
    };
  }

  private static JsonNode finite(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      // encoding/json refuses these; so would the API server when it writes the object.
      throw new MalformedProtobuf("json: unsupported value: " + v);
    }
    return DoubleNode.valueOf(v);
  }

  /** A JSON number node as Jackson's parser would make it, so trees compare equal. */
  static JsonNode number(long v) {
    return (int) v == v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
  }

  private static JsonNode zero(Scalar scalar) {
    return switch (scalar) {
      case STRING, BYTES -> TextNode.valueOf("");
      case BOOL -> BooleanNode.FALSE;
      case FLOAT, DOUBLE -> DoubleNode.valueOf(0);
      default -> IntNode.valueOf(0);
    };
  }

  private static boolean isZero(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> v.textValue().isEmpty();
      case NUMBER -> v.canConvertToLong() ? v.longValue() == 0 : v.doubleValue() == 0;
      case BOOLEAN -> !v.booleanValue();
      default -> false;
    };
  }

  private static MalformedProtobuf wrongWireType(int wireType, FieldPlan f) {
    return new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field " + f.goName);
  }

  // ---- special message types -------------------------------------------------------------

  private static JsonNode time(MessagePlan plan, byte[] buf, int start, int end, boolean micro) {
    if (start == end) {
      return NullNode.instance; // Go's zero time, which the Go types encode as no bytes at all
    }
    long seconds = 0;
    long nanos = 0;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      long number = tag >>> 3;
      if (number == 1 || number == 2) {
        if (wireType != ProtoReader.VARINT) {
          throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field "
              + (number == 1 ? "Seconds" : "Nanos"));
        }
        long v = in.readVarint();
        if (number == 1) {
          seconds = v;
        } else {
          nanos = (int) v;
        }
      } else {
        in.skipField(wireType);
      }
    }
    String text = GoFormats.formatTime(seconds, nanos, micro);
    return text == null ? NullNode.instance : TextNode.valueOf(text);
  }

  private static JsonNode duration(MessagePlan plan, byte[] buf, int start, int end) {
    long nanos = 0;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1 && wireType == ProtoReader.VARINT) {
        nanos = in.readVarint();
      } else if (tag >>> 3 == 1) {
        throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field Duration");
      } else {
        in.skipField(wireType);
      }
    }
    return TextNode.valueOf(GoFormats.formatDuration(nanos));
  }

  /**
   * The quantity's text as the client wrote it. Parsing and canonical form ("1000m" is "1") are the
   * same for protobuf and JSON bodies, so they are left to the request pipeline; only the empty
   * string, which Go's Quantity unmarshaler itself rejects, fails here.
   */
  private static JsonNode quantity(MessagePlan plan, byte[] buf, int start, int end) {
    String text = null;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1 && wireType == ProtoReader.LENGTH_DELIMITED) {
        int stringEnd = in.readLengthDelimitedEnd();
        text = new String(buf, in.position(), stringEnd - in.position(), StandardCharsets.UTF_8);
        in.skipTo(stringEnd);
      } else if (tag >>> 3 == 1) {
        throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field String_");
      } else {
        in.skipField(wireType);
      }
    }
    if (text == null) {
      return TextNode.valueOf("0"); // Go's zero Quantity
    }
    if (text.isEmpty()) {
      throw new MalformedProtobuf("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    return TextNode.valueOf(text);
  }

  private static JsonNode intOrString(MessagePlan plan, byte[] buf, int start, int end) {
    long type = 0;
    int intVal = 0;
    String strVal = "";
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      long number = tag >>> 3;
      int expected = number == 3 ? ProtoReader.LENGTH_DELIMITED : ProtoReader.VARINT;
      if (number < 1 || number > 3) {
        in.skipField(wireType);
        continue;
      }
      if (wireType != expected) {
        throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field "
            + (number == 1 ? "Type" : number == 2 ? "IntVal" : "StrVal"));
      }
      if (number == 1) {
        type = in.readVarint();
      } else if (number == 2) {
        intVal = (int) in.readVarint();
      } else {
        int stringEnd = in.readLengthDelimitedEnd();
        strVal = new String(buf, in.position(), stringEnd - in.position(), StandardCharsets.UTF_8);
        in.skipTo(stringEnd);
      }
    }
    if (type == 0) {
      return IntNode.valueOf(intVal);
    } else if (type == 1) {
      return TextNode.valueOf(strVal);
    }
    throw new MalformedProtobuf("impossible IntOrString.Type");
  }

  /** Reads the single bytes field {@code number} of a wrapper message; null when absent. */
  private static int[] bytesField(MessagePlan plan, byte[] buf, int start, int end, int number) {
    int[] span = null;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == number) {
        if (wireType != ProtoReader.LENGTH_DELIMITED) {
          throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field Raw");
        }
        int fieldEnd = in.readLengthDelimitedEnd();
        span = new int[] {in.position(), fieldEnd};
        in.skipTo(fieldEnd);
      } else {
        in.skipField(wireType);
      }
    }
    return span;
  }

  private JsonNode rawExtension(MessagePlan plan, byte[] buf, int start, int end, int depth) {
    int[] raw = bytesField(plan, buf, start, end, 1);
    if (raw == null || raw[0] == raw[1]) {
      return NullNode.instance; // RawExtension without bytes marshals as null
    }
    return embedded(buf, raw[0], raw[1], depth);
  }

  private JsonNode fieldsV1(MessagePlan plan, byte[] buf, int start, int end) {
    int[] raw = bytesField(plan, buf, start, end, 1);
    if (raw == null) {
      return NullNode.instance;
    }
    return parseJson(buf, raw[0], raw[1]);
  }

  /** An embedded object: a protobuf envelope of its own, or JSON. */
  private JsonNode embedded(byte[] buf, int start, int end, int depth) {
    if (ProtobufDecoder.hasMagic(buf, start, end)) {
      return envelopes.decodeEnvelope(buf, start, end, depth + 1);
    }
    return parseJson(buf, start, end);
  }

  private JsonNode embeddedUnknown(MessagePlan plan, byte[] buf, int start, int end, int depth) {
    // Field 2 is the raw object; typeMeta and the content type do not change how it reads here:
    // either it is a protobuf envelope (self-describing) or JSON.
    int[] raw = bytesField(plan, buf, start, end, 2);
    if (raw == null || raw[0] == raw[1]) {
      return NullNode.instance;
    }
    return embedded(buf, raw[0], raw[1], depth);
  }

  private JsonNode parseJson(byte[] buf, int start, int end) {
    if (start == end) {
      return NullNode.instance;
    }
    try {
      JsonNode node = json.readTree(buf, start, end - start);
      return node == null || node.isMissingNode() ? NullNode.instance : node;
    } catch (JacksonException e) {
      throw new MalformedProtobuf("invalid embedded JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MalformedProtobuf("invalid embedded JSON: " + e.getMessage());
    }
  }

  private static JsonNode stringList(MessagePlan plan, byte[] buf, int start, int end) {
    ArrayNode items = null;
    ProtoReader in = new ProtoReader(buf, start, end);
    while (!in.atEnd()) {
      long tag = in.readTag(plan.name);
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1) {
        if (wireType != ProtoReader.LENGTH_DELIMITED) {
          throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field Items");
        }
        int stringEnd = in.readLengthDelimitedEnd();
        if (items == null) {
          items = NODES.arrayNode();
        }
        items.add(new String(buf, in.position(), stringEnd - in.position(), StandardCharsets.UTF_8));
        in.skipTo(stringEnd);
      } else {
        in.skipField(wireType);
      }
    }
    return items == null ? NullNode.instance : items; // a nil Go slice is null
  }
}
