package dev.berth.api.apply;

import dev.berth.api.apply.ManagedFields.Operation;

/**
 * A field an apply would change that another manager owns.
 *
 * @param manager the other manager's name
 * @param operation how the other manager got the field
 * @param apiVersion the other manager's apiVersion (printed for Update managers only)
 * @param subresource the other manager's subresource, empty for the main resource
 * @param path the contested field
 */
public record Conflict(String manager, Operation operation, String apiVersion, String subresource,
    FieldPath path) {

  /** The field as Status causes carry it, e.g. {@code .spec.replicas}. */
  public String field() {
    return path.toString();
  }

  /** Upstream's manager identifier, the key conflicts are grouped and sorted by. */
  String identifier() {
    return ManagedFields.identifier(manager, operation, apiVersion, subresource);
  }

  /**
   * The manager as upstream's printManager writes it: {@code "kubectl-client-side-apply" using
   * apps/v1}, {@code "m" with subresource "status" using v1}, or just {@code "kubectl"} for appliers.
   */
  public String describeManager() {
    StringBuilder sb = new StringBuilder(GoJson.goQuote(manager));
    if (!subresource.isEmpty()) {
      sb.append(" with subresource ").append(GoJson.goQuote(subresource));
    }
    if (operation == Operation.UPDATE) {
      sb.append(" using ").append(apiVersion);
    }
    return sb.toString();
  }
}
