package dev.berth.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The value constraints an OpenAPI v3 schema may carry beyond its shape (CRD openAPIV3Schema):
 * bounds, lengths, patterns, enums, and the logical combinators. Unset constraints are null.
 */
public final class Validations {
  public Double minimum;
  public Double maximum;
  public boolean exclusiveMinimum;
  public boolean exclusiveMaximum;
  public Double multipleOf;
  public Long minLength;
  public Long maxLength;
  public String pattern;
  public Long minItems;
  public Long maxItems;
  public boolean uniqueItems;
  public Long minProperties;
  public Long maxProperties;
  public final List<JsonNode> enumValues = new ArrayList<>();
  public final List<Schema> allOf = new ArrayList<>();
  public final List<Schema> anyOf = new ArrayList<>();
  public final List<Schema> oneOf = new ArrayList<>();
  public Schema not;
  /** x-kubernetes-validations rules (CEL), kept for publishing; evaluated by admission later. */
  public final List<JsonNode> celRules = new ArrayList<>();
}
