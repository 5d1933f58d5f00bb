package dev.berth.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one kind into rows of a {@code meta.k8s.io/v1 Table}, as kube-apiserver does for
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}.
 *
 * <p>Like upstream's server-side printing, rows always carry every column, including the
 * priority-1 ("wide") ones; kubectl hides those unless asked for {@code -o wide}. Implementations are
 * immutable and thread-safe.
 */
public interface TablePrinter {

  /** The column definitions, in cell order. The list is immutable and the same for every call. */
  List<ColumnDefinition> columns();

  /**
   * The cells of one row for {@code obj}, one per column. Cells are {@link String}, {@link Long},
   * {@link Double} or {@link Boolean}, serialised as the matching JSON values; a cell may be
   * {@code null} only for custom-resource columns whose path found nothing (kubectl prints
   * {@code <none>}). The returned list is immutable.
   *
   * @param obj the object in its served JSON form (any of the kind's API versions the printer knows)
   * @param now the reference time for ages and durations
   */
  List<Object> cells(ObjectNode obj, Instant now);

  /**
   * The row's {@code conditions}; empty for every kind except pods that have finished (upstream
   * marks them {@code Completed}).
   */
  default List<RowCondition> rowConditions(ObjectNode obj) {
    return List.of();
  }
}
