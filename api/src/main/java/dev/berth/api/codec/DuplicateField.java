package dev.berth.api.codec;

/**
 * A key that appeared more than once in one object of a request body. The decoded tree keeps the last
 * value (Ignore semantics); whether the duplicate is an error, a warning or nothing is the caller's
 * choice by {@code fieldValidation}.
 *
 * @param path the key's path in upstream's strict-decoding notation, e.g.
 *     {@code spec.template.spec.containers[0].imagePullPolicy}
 * @param key the repeated key itself
 * @param line 1-based line of the repeated key for YAML bodies; 0 for JSON
 * @param distinctKeysBefore how many distinct keys the object held when the repeat was read: a walker
 *     that visits the object's keys in order emits this duplicate right after its
 *     {@code distinctKeysBefore}-th key to reproduce the document order of upstream's messages
 */
public record DuplicateField(String path, String key, int line, int distinctKeysBefore) {

  /**
   * The upstream text: {@code duplicate field "spec.paused"} for JSON,
   * {@code line 12: key "paused" already set in map} for YAML.
   */
  public String message() {
    if (line > 0) {
      return "line " + line + ": key " + GoQuote.quote(key) + " already set in map";
    }
    return "duplicate field " + GoQuote.quote(path);
  }
}
