package dev.berth.api.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request the API refuses, carrying the metav1.Status the client receives. Thrown inside the
 * request pipeline to stop processing; the HTTP layer turns it into the response, once. Build them with
 * {@link ApiErrors}.
 */
public final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final String name;
  private final String group;
  private final String kind;
  private final List<StatusCause> causes;
  private final int retryAfterSeconds;

  public ApiException(int code, String reason, String message, String name, String group, String kind,
      List<StatusCause> causes, int retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.group = group;
    this.kind = kind;
    this.causes = causes == null ? List.of() : List.copyOf(causes);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int code() {
    return code;
  }

  /** The Status reason, e.g. "NotFound"; empty for reasons upstream leaves unset. */
  public String reason() {
    return reason;
  }

  public List<StatusCause> causes() {
    return causes;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The metav1.Status body, in the field order kube-apiserver writes. */
  public ObjectNode toStatus() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode status = f.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    if (reason != null && !reason.isEmpty()) {
      status.put("reason", reason);
    }
    boolean hasDetails = name != null || group != null || kind != null || !causes.isEmpty()
        || retryAfterSeconds > 0;
    if (hasDetails) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        details.put("group", group);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        ArrayNode arr = details.putArray("causes");
        for (StatusCause c : causes) {
          ObjectNode cause = arr.addObject();
          if (c.reason() != null) {
            cause.put("reason", c.reason());
          }
          if (c.message() != null) {
            cause.put("message", c.message());
          }
          if (c.field() != null) {
            cause.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds > 0) {
        details.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    status.put("code", code);
    return status;
  }
}
