package dev.berth.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A printer made of fixed columns and a function that fills one row's cells. */
final class KindPrinter implements TablePrinter {

  /** Computes the cells of one row; the array length must equal the number of columns. */
  @FunctionalInterface
  interface RowFunction {
    Object[] cells(ObjectNode obj, Instant now);
  }

  private final List<ColumnDefinition> columns;
  private final RowFunction row;

  KindPrinter(List<ColumnDefinition> columns, RowFunction row) {
    this.columns = List.copyOf(columns);
    this.row = row;
  }

  @Override
  public List<ColumnDefinition> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(ObjectNode obj, Instant now) {
    Object[] cells = row.cells(obj, now);
    if (cells.length != columns.size()) {
      throw new IllegalStateException(
          "printer produced " + cells.length + " cells for " + columns.size() + " columns");
    }
    // Wrapping instead of List.of: cells are never null here, but avoiding the copy keeps a
    // 10,000-row list cheap.
    return Collections.unmodifiableList(Arrays.asList(cells));
  }
}
