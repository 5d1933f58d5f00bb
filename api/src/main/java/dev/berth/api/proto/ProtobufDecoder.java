package dev.berth.api.proto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into the
 * JSON tree the same object has in Kubernetes' JSON encoding, so the rest of the request pipeline
 * handles protobuf and JSON bodies alike. kubectl 1.32 sends protobuf for {@code create <kind>},
 * {@code auth can-i}, {@code create token} and drain's DeleteOptions, and does not fall back to JSON.
 *
 * <p>A body is the magic {@code 6b 38 73 00} followed by a {@code runtime.Unknown}: the object's
 * apiVersion and kind, and the object's own protobuf message, which carries no TypeMeta. The message
 * type is found from the apiVersion and kind among the descriptors of
 * {@code io.kubernetes:client-java-proto} and converted generically, field by field, with the JSON
 * conventions of Kubernetes' Go types (Time and MicroTime as RFC 3339, Quantity as its string,
 * IntOrString as a number or string, bytes as base64, RawExtension and FieldsV1 as embedded JSON,
 * Duration as Go text). The returned object starts with {@code kind} and {@code apiVersion}.
 *
 * <p>Refusals are {@link ApiException}s with upstream's texts: 400 BadRequest for malformed bodies
 * and kinds no group version has; 415 UnsupportedMediaType for a group version this decoder has no
 * protobuf types for (custom resources, which upstream never accepts as protobuf either, and the few
 * built-in groups client-java-proto lacks). Nothing else is thrown, and every loop consumes input,
 * so garbage cannot hang a request.
 *
 * <p>Thread-safe; create one per server. The protobuf descriptors load on first use;
 * {@link #warmUp()} loads them ahead of the first request.
 */
public final class ProtobufDecoder {

  /** The media type whose bodies this decoder reads. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
  private static final int SUMMARY_BYTES = 30;
  /** The scheme name kube-apiserver's "not registered" errors carry. */
  private static final String SCHEME_NAME = "pkg/api/legacyscheme/scheme.go:30";

  private final ClassLoader loader;
  private final PlanCache plans;
  private final ProtoJson converter;
  private volatile KindIndex kinds;

  /** A decoder using the client-java-proto classes visible to this class's loader. */
  public ProtobufDecoder() {
    this(ProtobufDecoder.class.getClassLoader(), PlanCache.withBundledTable());
  }

  ProtobufDecoder(ClassLoader loader, PlanCache plans) {
    this.loader = loader;
    this.plans = plans;
    ObjectMapper json = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.converter = new ProtoJson(plans, json, this::decodeNestedEnvelope);
  }

  /** Loads the protobuf descriptors now instead of on the first request. */
  public void warmUp() {
    kindIndex();
  }

  /** Whether {@code body} starts with the Kubernetes protobuf magic bytes. */
  public static boolean isProtobuf(byte[] body) {
    return body != null && hasMagic(body, 0, body.length);
  }

  /**
   * Decodes a body whose kind is given only by its envelope. Error messages name the kind the
   * envelope claims; prefer {@link #decode(byte[], GroupVersionKind)} on resource endpoints.
   *
   * @throws ApiException 400 for malformed bodies and unknown kinds, 415 for group versions without
   *     protobuf types
   */
  public ObjectNode decode(byte[] body) {
    return decode(body, null);
  }

  /**
   * Decodes a body sent to an endpoint whose objects are of kind {@code expected}. As upstream does,
   * {@code expected} fills in a kind or apiVersion the envelope leaves empty, and names the endpoint's
   * kind in error messages. It does not check that the body's kind matches: the pipeline compares
   * the returned apiVersion and kind as it does for JSON bodies.
   *
   * @param expected the endpoint's kind, or null
   * @throws ApiException 400 for malformed bodies and unknown kinds, 415 for group versions without
   *     protobuf types
   */
  public ObjectNode decode(byte[] body, GroupVersionKind expected) {
    if (body == null || body.length == 0) {
      throw unrecognized(expected, "empty data", body);
    }
    if (!hasMagic(body, 0, body.length)) {
      throw unrecognized(expected,
          "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
          body);
    }
    if (body.length == MAGIC.length) {
      throw unrecognized(expected, "empty body", body);
    }
    Envelope envelope;
    try {
      envelope = Envelope.read(body, MAGIC.length, body.length);
    } catch (MalformedProtobuf e) {
      throw unrecognized(expected, e.getMessage(), body);
    }
    GroupVersionKind actual = withDefaults(envelope.groupVersionKind(), expected);
    if (actual.kind().isEmpty()) {
      throw unrecognized(expected, "Object 'Kind' is missing in '" + envelope.goTypeMeta() + "'",
          body);
    }
    if (actual.version().isEmpty()) {
      throw unrecognized(expected,
          "Object 'apiVersion' is missing in '" + envelope.goTypeMeta() + "'", body);
    }
    try {
      return decodeObject(body, envelope, actual, 0);
    } catch (MalformedProtobuf e) {
      throw cannotHandle(actual, expected, e.getMessage());
    }
  }

  /** The converter, for tests of single message types. */
  ProtoJson converter() {
    return converter;
  }

  /** Decodes a nested envelope (inside a RawExtension or Unknown): no endpoint kind applies. */
  private ObjectNode decodeNestedEnvelope(byte[] buf, int start, int end, int depth) {
    if (depth > ProtoJson.MAX_DEPTH) {
      throw new MalformedProtobuf("proto: exceeded maximum nesting depth " + ProtoJson.MAX_DEPTH);
    }
    Envelope envelope = Envelope.read(buf, start + MAGIC.length, end);
    GroupVersionKind gvk = envelope.groupVersionKind();
    if (gvk.kind().isEmpty()) {
      throw new MalformedProtobuf("Object 'Kind' is missing in '" + envelope.goTypeMeta() + "'");
    }
    if (gvk.version().isEmpty()) {
      throw new MalformedProtobuf(
          "Object 'apiVersion' is missing in '" + envelope.goTypeMeta() + "'");
    }
    return decodeObject(buf, envelope, gvk, depth);
  }

  private ObjectNode decodeObject(byte[] buf, Envelope envelope, GroupVersionKind gvk, int depth) {
    if (!envelope.contentEncoding().isEmpty()) {
      // Upstream ignores the field (and then fails on the encoded bytes); say what is wrong.
      throw new MalformedProtobuf(
          "unsupported content encoding \"" + envelope.contentEncoding() + "\"");
    }
    KindIndex index = kindIndex();
    GroupVersion gv = gvk.groupVersion();
    if (!index.knows(gv)) {
      throw ApiErrors.unsupportedMediaType(MEDIA_TYPE);
    }
    Descriptor type = index.find(gv, gvk.kind());
    if (type == null) {
      throw new MalformedProtobuf("no kind \"" + gvk.kind() + "\" is registered for version \""
          + gv + "\" in scheme \"" + SCHEME_NAME + "\"");
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("kind", gvk.kind());
    object.put("apiVersion", gvk.apiVersion());
    return converter.decodeFields(plans.plan(type), buf, envelope.rawStart(), envelope.rawEnd(),
        depth + 1, object);
  }

  private KindIndex kindIndex() {
    KindIndex index = kinds;
    if (index == null) {
      synchronized (this) {
        index = kinds;
        if (index == null) {
          index = KindIndex.load(loader);
          kinds = index;
        }
      }
    }
    return index;
  }

  static boolean hasMagic(byte[] buf, int start, int end) {
    if (end - start < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (buf[start + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Upstream's copyKindDefaults: the endpoint's kind and version fill in what the body omits. */
  private static GroupVersionKind withDefaults(GroupVersionKind actual, GroupVersionKind expected) {
    if (expected == null) {
      return actual;
    }
    String kind = actual.kind().isEmpty() ? expected.kind() : actual.kind();
    String group = actual.group();
    String version = actual.version();
    if (version.isEmpty() && !expected.version().isEmpty()) {
      group = expected.group();
      version = expected.version();
    }
    return new GroupVersionKind(group, version, kind);
  }

  /** Upstream's transformDecodeError when the body's kind is known. */
  private static ApiException cannotHandle(GroupVersionKind actual, GroupVersionKind expected,
      String cause) {
    String target = expected != null ? expected.kind() : actual.kind();
    return ApiErrors.badRequest(actual.kind() + " in version \"" + actual.version()
        + "\" cannot be handled as a " + target + ": " + cause);
  }

  /** Upstream's transformDecodeError when the body's kind is not known. */
  private static ApiException unrecognized(GroupVersionKind expected, String cause, byte[] body) {
    String mustBe = expected != null ? " (must be of type " + expected.kind() + ")" : "";
    return ApiErrors.badRequest(
        "the object provided is unrecognized" + mustBe + ": " + cause + " (" + summarize(body) + ")");
  }

  /** Upstream's summarizeData: the first 30 bytes, as hex unless they look like JSON. */
  private static String summarize(byte[] body) {
    if (body == null || body.length == 0) {
      return "<empty>";
    }
    int n = Math.min(body.length, SUMMARY_BYTES);
    String head = body[0] == '{' ? new String(body, 0, n, StandardCharsets.UTF_8)
        : HexFormat.of().formatHex(body, 0, n);
    return body.length > SUMMARY_BYTES ? head + " ..." : head;
  }

  /** The fields of the runtime.Unknown envelope, with the raw object as a span of the body. */
  record Envelope(String apiVersion, String kind, int rawStart, int rawEnd,
      String contentEncoding, String contentType) {

    static Envelope read(byte[] buf, int start, int end) {
      String apiVersion = "";
      String kind = "";
      int rawStart = start;
      int rawEnd = start;
      String contentEncoding = "";
      String contentType = "";
      ProtoReader in = new ProtoReader(buf, start, end);
      while (!in.atEnd()) {
        long tag = in.readTag("Unknown");
        int wireType = (int) (tag & 7);
        long number = tag >>> 3;
        if (number < 1 || number > 4) {
          in.skipField(wireType);
          continue;
        }
        if (wireType != ProtoReader.LENGTH_DELIMITED) {
          throw new MalformedProtobuf("proto: wrong wireType = " + wireType + " for field "
              + switch ((int) number) {
                case 1 -> "TypeMeta";
                case 2 -> "Raw";
                case 3 -> "ContentEncoding";
                default -> "ContentType";
              });
        }
        int fieldEnd = in.readLengthDelimitedEnd();
        int fieldStart = in.position();
        switch ((int) number) {
          case 1 -> {
            // TypeMeta {1: apiVersion, 2: kind}; like any message field, occurrences merge.
            ProtoReader meta = new ProtoReader(buf, fieldStart, fieldEnd);
            while (!meta.atEnd()) {
              long metaTag = meta.readTag("TypeMeta");
              int metaWire = (int) (metaTag & 7);
              long metaNumber = metaTag >>> 3;
              if (metaNumber != 1 && metaNumber != 2) {
                meta.skipField(metaWire);
                continue;
              }
              if (metaWire != ProtoReader.LENGTH_DELIMITED) {
                throw new MalformedProtobuf("proto: wrong wireType = " + metaWire + " for field "
                    + (metaNumber == 1 ? "APIVersion" : "Kind"));
              }
              int stringEnd = meta.readLengthDelimitedEnd();
              String s = new String(buf, meta.position(), stringEnd - meta.position(),
                  StandardCharsets.UTF_8);
              meta.skipTo(stringEnd);
              if (metaNumber == 1) {
                apiVersion = s;
              } else {
                kind = s;
              }
            }
          }
          case 2 -> {
            rawStart = fieldStart;
            rawEnd = fieldEnd;
          }
          case 3 -> contentEncoding = new String(buf, fieldStart, fieldEnd - fieldStart,
              StandardCharsets.UTF_8);
          default -> contentType = new String(buf, fieldStart, fieldEnd - fieldStart,
              StandardCharsets.UTF_8);
        }
        in.skipTo(fieldEnd);
      }
      return new Envelope(apiVersion, kind, rawStart, rawEnd, contentEncoding, contentType);
    }

    /** Go's schema.FromAPIVersionAndKind: an unparsable apiVersion leaves only the kind. */
    GroupVersionKind groupVersionKind() {
      int slash = apiVersion.indexOf('/');
      if (slash >= 0 && apiVersion.indexOf('/', slash + 1) >= 0) {
        return new GroupVersionKind("", "", kind);
      }
      return GroupVersionKind.of(apiVersion, kind);
    }

    /** The TypeMeta as Go's %#v prints it in missing-kind errors. */
    String goTypeMeta() {
      return "runtime.TypeMeta{APIVersion:\"" + apiVersion + "\", Kind:\"" + kind + "\"}";
    }
  }
}
