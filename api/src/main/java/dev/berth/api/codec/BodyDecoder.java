package dev.berth.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes JSON and YAML request bodies into Jackson trees, recording repeated keys instead of failing
 * on them or silently dropping them (see {@link DecodedBody}). Thread-safe; create one per server and
 * share it.
 *
 * <p>Malformed input, and input past the {@link Limits}, is refused with 400 BadRequest (413 for an
 * oversized body) carrying an upstream-like message, never with another exception: the parsers build
 * the tree iteratively, so even a body of a million nested brackets costs a bounded stack.
 */
public final class BodyDecoder {

  /**
   * The bounds a body must stay within.
   *
   * @param maxBodyBytes the size limit; upstream's default request limit is 3 MiB
   * @param maxDepth nesting limit for objects and arrays. Upstream's Go decoders allow 10 000; we
   *     allow 1000, which is what Jackson writes by default (so anything accepted can be written back)
   *     and what recursive code downstream can walk on an ordinary thread stack
   * @param maxNumberLength digits a number literal may have
   * @param maxAliasNodes nodes that YAML aliases may add in total by expansion
   */
  public record Limits(int maxBodyBytes, int maxDepth, int maxNumberLength, long maxAliasNodes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

    public Limits {
      if (maxBodyBytes <= 0 || maxDepth <= 0 || maxNumberLength <= 0 || maxAliasNodes < 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    public static Limits defaults() {
      return new Limits(DEFAULT_MAX_BODY_BYTES, 1000, 1000, 100_000);
    }
  }

  private static final String VERSION_KIND_STRUCT =
      "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
          + "Kind string \"json:\\\"kind,omitempty\\\"\" }";

  private final Limits limits;
  private final JsonBodyParser json;
  private final YamlBodyParser yaml;

  public BodyDecoder() {
    this(Limits.defaults());
  }

  public BodyDecoder(Limits limits) {
    this.limits = limits;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1) // our own check reports first, with our message
            .maxNumberLength(limits.maxNumberLength())
            .maxStringLength(limits.maxBodyBytes())
            .maxNameLength(limits.maxBodyBytes())
            .maxDocumentLength(limits.maxBodyBytes())
            .build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    this.json = new JsonBodyParser(factory, limits.maxDepth());
    this.yaml = new YamlBodyParser(limits.maxDepth(), limits.maxBodyBytes(), limits.maxAliasNodes());
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Decodes a body that must be a single object (create, update, apply). Refusals read as upstream's
   * decoder reads them, e.g. {@code couldn't get version/kind; json parse error: unexpected end of
   * JSON input} or {@code error converting YAML to JSON: yaml: line 3: mapping values are not allowed
   * here}.
   *
   * @throws ApiException 400 for malformed or non-object bodies, 413 for bodies over the size limit
   */
  public DecodedBody decodeObject(byte[] body, BodyFormat format) {
    return decodeObject(body, format, null);
  }

  /**
   * As {@link #decodeObject(byte[], BodyFormat)}, with the message prefixed the way the REST handlers
   * prefix decode failures for a known target kind: {@code the object provided is unrecognized (must
   * be of type Pod): <reason> (<start of the body>)}.
   */
  public DecodedBody decodeObject(byte[] body, BodyFormat format, String targetKind) {
    DecodedBody decoded = decode(body, format, targetKind, true);
    JsonNode v = decoded.value();
    if (!v.isObject()) {
      String reason = v.isNull() ? "Object 'Kind' is missing in '" + summarize(body, 1000) + "'"
          : "couldn't get version/kind; json parse error: json: cannot unmarshal " + goType(v)
              + " into Go value of type " + VERSION_KIND_STRUCT;
      throw refusal(reason, body, targetKind);
    }
    return decoded;
  }

  /**
   * Decodes any JSON value (patch documents may be arrays). Refusals: {@code json parse error: ...}
   * or {@code error converting YAML to JSON: yaml: ...}.
   */
  public DecodedBody decode(byte[] body, BodyFormat format) {
    return decode(body, format, null, false);
  }

  private DecodedBody decode(byte[] body, BodyFormat format, String targetKind, boolean object) {
    if (body.length > limits.maxBodyBytes()) {
      throw ApiErrors.requestEntityTooLarge(
          "Request entity too large: limit is " + limits.maxBodyBytes());
    }
    TreeBuilder tree;
    BodyFormat parsedAs = format;
    if (format == BodyFormat.YAML && looksLikeJson(body)) {
      try {
        tree = json.parse(body);
        parsedAs = BodyFormat.JSON;
      } catch (BodySyntaxException notJson) {
        tree = parseYaml(body, targetKind);
      }
    } else if (format == BodyFormat.YAML) {
      tree = parseYaml(body, targetKind);
    } else {
      try {
        tree = json.parse(body);
      } catch (BodySyntaxException e) {
        throw refusal((object ? "couldn't get version/kind; json parse error: "
            : "json parse error: ") + e.getMessage(), body, targetKind);
      }
    }
    List<DuplicateField> dups = tree.duplicates();
    return new DecodedBody(tree.root(), parsedAs, dups,
        DecodedBody.index(dups, tree.duplicateParents()));
  }

  private TreeBuilder parseYaml(byte[] body, String targetKind) {
    try {
      return yaml.parse(body);
    } catch (BodySyntaxException e) {
      String m = e.getMessage();
      String reason = m.startsWith("json: ") ? "error converting YAML to JSON: " + m
          : "error converting YAML to JSON: yaml: " + m;
      throw refusal(reason, body, targetKind);
    }
  }

  private static ApiException refusal(String reason, byte[] body, String targetKind) {
    if (targetKind == null || targetKind.isEmpty()) {
      return ApiErrors.badRequest(reason);
    }
    return ApiErrors.badRequest(DecodeErrors.unrecognized(targetKind, reason, body));
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      return b == '{' || b == '[';
    }
    return false;
  }

  private static String goType(JsonNode v) {
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    return "number";
  }

  /** The body as upstream quotes it in "Object 'Kind' is missing in '...'" (bounded). */
  private static String summarize(byte[] body, int max) {
    return new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8);
  }
}
