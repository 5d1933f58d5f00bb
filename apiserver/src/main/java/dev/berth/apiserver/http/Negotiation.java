package dev.berth.apiserver.http;

/**
 * What representation the client asked for in Accept: plain objects, a meta.k8s.io Table,
 * PartialObjectMetadata, YAML, or aggregated discovery.
 */
public record Negotiation(Format format, boolean yaml) {

  public enum Format { OBJECT, TABLE, PARTIAL_METADATA }

  public static Negotiation of(String accept) {
    if (accept == null || accept.isEmpty()) {
      return new Negotiation(Format.OBJECT, false);
    }
    Format format = Format.OBJECT;
    boolean yaml = false;
    boolean json = false;
    for (String part : accept.split(",")) {
      String p = part.trim();
      String media = p.contains(";") ? p.substring(0, p.indexOf(';')).trim() : p;
      if (media.equals("application/json") || media.equals("*/*")
          || media.equals("application/*")) {
        if (p.contains("as=Table") && p.contains("g=meta.k8s.io")) {
          if (format == Format.OBJECT && !json) {
            format = Format.TABLE;
          }
        } else if ((p.contains("as=PartialObjectMetadata")) && p.contains("g=meta.k8s.io")) {
          if (format == Format.OBJECT && !json) {
            format = Format.PARTIAL_METADATA;
          }
        } else {
          json = true;
        }
      } else if (media.equals("application/yaml")) {
        if (!json && format == Format.OBJECT) {
          yaml = true;
        }
      }
    }
    return new Negotiation(format, yaml);
  }

  /** Whether Accept asks for aggregated discovery (apidiscovery.k8s.io/v2 or v2beta1). */
  public static boolean wantsAggregatedDiscovery(String accept) {
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      String p = part.trim();
      if (p.contains("g=apidiscovery.k8s.io") && p.contains("as=APIGroupDiscoveryList")
          && p.contains("v=v2") && !p.contains("v=v2beta1")) {
        return true;
      }
      if (p.startsWith("application/json") && !p.contains("as=")) {
        return false;
      }
    }
    return false;
  }
}
