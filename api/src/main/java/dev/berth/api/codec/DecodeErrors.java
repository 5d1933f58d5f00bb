package dev.berth.api.codec;

import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The texts kube-apiserver's REST handlers use when a body cannot be decoded, so strict-field and type
 * failures read the same here: {@code Deployment in version "v1" cannot be handled as a Deployment:
 * strict decoding error: unknown field "spec.foo"}.
 */
public final class DecodeErrors {

  private DecodeErrors() {}

  /** {@code unknown field "spec.foo"}. */
  public static String unknownField(String path) {
    return "unknown field " + GoQuote.quote(path);
  }

  /** {@code strict decoding error: a, b, c}: the strict errors joined as upstream joins them. */
  public static String strictDecodingError(List<String> errors) {
    return "strict decoding error: " + String.join(", ", errors);
  }

  /**
   * 400 for a body whose kind is known but whose content cannot be accepted:
   * {@code <kind> in version "<version>" cannot be handled as a <targetKind>: <reason>}.
   */
  public static ApiException cannotBeHandled(String kind, String version, String targetKind,
      String reason) {
    return ApiErrors.badRequest(kind + " in version " + GoQuote.quote(version)
        + " cannot be handled as a " + targetKind + ": " + reason);
  }

  /** 400 for strict decoding errors on a body of a known kind (fieldValidation=Strict). */
  public static ApiException strict(String kind, String version, String targetKind,
      List<String> errors) {
    return cannotBeHandled(kind, version, targetKind, strictDecodingError(errors));
  }

  /**
   * The message for a body whose kind cannot even be read: {@code the object provided is
   * unrecognized (must be of type Pod): <reason> (<first 30 bytes of the body> ...)}; bodies that do
   * not start with '{' are summarised in hex, as upstream does.
   */
  public static String unrecognized(String targetKind, String reason, byte[] body) {
    return "the object provided is unrecognized (must be of type " + targetKind + "): " + reason
        + " (" + summarize(body, 30) + ")";
  }

  static String summarize(byte[] data, int maxLength) {
    if (data.length == 0) {
      return "<empty>";
    }
    boolean truncated = data.length > maxLength;
    int n = truncated ? maxLength : data.length;
    String shown = data[0] == '{' ? new String(data, 0, n, StandardCharsets.UTF_8)
        : HexFormat.of().formatHex(data, 0, n);
    return truncated ? shown + " ..." : shown;
  }
}
