package dev.berth.api.status;

import dev.berth.api.meta.GroupResource;
import dev.berth.api.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** Factories for the Status errors of upstream's k8s.io/apimachinery/pkg/api/errors, same texts. */
public final class ApiErrors {

  private ApiErrors() {}

  public static ApiException notFound(GroupResource gr, String name) {
    return new ApiException(404, "NotFound", gr + " \"" + name + "\" not found", name, gr.group(),
        gr.resource(), null, 0);
  }

  /** The answer for a URL that names no resource the server knows. */
  public static ApiException notFoundPath() {
    return new ApiException(404, "NotFound", "the server could not find the requested resource",
        null, null, null, null, 0);
  }

  public static ApiException alreadyExists(GroupResource gr, String name) {
    return new ApiException(409, "AlreadyExists", gr + " \"" + name + "\" already exists", name,
        gr.group(), gr.resource(), null, 0);
  }

  public static ApiException conflict(GroupResource gr, String name, String detail) {
    return new ApiException(409, "Conflict",
        "Operation cannot be fulfilled on " + gr + " \"" + name + "\": " + detail, name, gr.group(),
        gr.resource(), null, 0);
  }

  public static ApiException modifiedConflict(GroupResource gr, String name) {
    return conflict(gr, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 409 with causes, as server-side apply reports field manager conflicts. */
  public static ApiException conflictWithCauses(GroupResource gr, String name, String message,
      List<StatusCause> causes) {
    return new ApiException(409, "Conflict", message, name, gr.group(), gr.resource(), causes, 0);
  }

  /**
   * 422 Invalid. {@code kind} is the Kind ("Pod"), and {@code group} its API group; the message is
   * {@code Kind[.group] "name" is invalid: ...} with the errors listed as upstream joins them.
   */
  public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    String list = errors.size() == 1 ? errors.get(0).toString()
        : "[" + errors.stream().map(FieldError::toString).collect(Collectors.joining(", ")) + "]";
    List<StatusCause> causes = errors.stream()
        .map(e -> new StatusCause(e.type().reason(), e.message(), e.field())).toList();
    return new ApiException(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + list, name,
        group, kind, causes, 0);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, null, 0);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, null, 0);
  }

  public static ApiException forbidden(GroupResource gr, String name, String reasonText) {
    String what = name == null || name.isEmpty() ? gr.toString() : gr + " \"" + name + "\"";
    return new ApiException(403, "Forbidden", what + " is forbidden: " + reasonText, name,
        gr.group(), gr.resource(), null, 0);
  }

  public static ApiException methodNotSupported(GroupResource gr, String verb) {
    return new ApiException(405, "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + gr + "\"", null, gr.group(),
        gr.resource(), null, 0);
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(406, "NotAcceptable", message, null, null, null, null, 0);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/yaml, application/vnd.kubernetes.protobuf",
        null, null, null, null, 0);
  }

  /** 410 Expired, used for too-old resource versions and stale continue tokens. */
  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null, null, null, null, 0);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Gone", message, null, null, null, null, 0);
  }

  public static ApiException requestEntityTooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null, null, null, null, 0);
  }

  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    return new ApiException(429, "TooManyRequests", message, null, null, null, null,
        retryAfterSeconds);
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError",
        "Internal error occurred: " + message, null, null, null, null, 0);
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message, null, null, null, null, 0);
  }

  /** 504 Timeout, as for a resourceVersion the cache has not reached in time. */
  public static ApiException timeout(String message, int retryAfterSeconds) {
    return new ApiException(504, "Timeout", message, null, null, null, null, retryAfterSeconds);
  }
}
