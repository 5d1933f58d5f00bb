package dev.berth.api.codec;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.api.status.ApiErrors;
import dev.berth.api.status.ApiException;
import dev.berth.api.validation.FieldError;
import java.util.List;

/**
 * The {@code fieldValidation} query parameter: what to do with unknown and duplicate fields.
 * Absent means {@link #WARN}, as in kube-apiserver since 1.27.
 */
public enum FieldValidation {
  /** Drop unknown fields silently; duplicates resolve to the last value. */
  IGNORE("Ignore"),
  /** As Ignore, and report each problem in a {@code Warning: 299 - "..."} header. */
  WARN("Warn"),
  /** Refuse the request with 400 and {@code strict decoding error: ...}. */
  STRICT("Strict");

  private final String wireName;

  FieldValidation(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Parses the query value (case-sensitive, as upstream). Anything else is refused with 422 as
   * upstream's options validation refuses it, e.g. {@code CreateOptions.meta.k8s.io "" is invalid:
   * fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"}.
   *
   * @param optionsKind {@code CreateOptions}, {@code UpdateOptions} or {@code PatchOptions}
   */
  public static FieldValidation parse(String value, String optionsKind) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    for (FieldValidation v : values()) {
      if (v.wireName.equals(value)) {
        return v;
      }
    }
    throw invalid(value, optionsKind);
  }

  /**
   * The {@code Warning} response header value for one problem under {@link #WARN}, as kube-apiserver
   * writes it: {@code 299 - "unknown field \"spec.foo\""}.
   */
  public static String warningHeader(String text) {
    return "299 - " + GoQuote.quote(text);
  }

  private static ApiException invalid(String value, String optionsKind) {
    FieldError error = FieldError.notSupported("fieldValidation", TextNode.valueOf(value),
        List.of("", "Ignore", "Strict", "Warn"));
    return ApiErrors.invalid("meta.k8s.io", optionsKind, "", List.of(error));
  }
}
