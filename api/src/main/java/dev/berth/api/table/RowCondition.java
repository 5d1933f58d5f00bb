package dev.berth.api.table;

/**
 * A {@code meta.k8s.io/v1 TableRowCondition}. Upstream sets one on rows of finished pods
 * ({@code type: Completed}); clients may use it to dim or hide those rows.
 */
public record RowCondition(String type, String status, String reason, String message) {

  static final RowCondition POD_SUCCEEDED =
      new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully.");
  static final RowCondition POD_FAILED =
      new RowCondition("Completed", "True", "Failed", "The pod failed.");
}
