package dev.berth.store.sqlite;

import java.util.List;

/**
 * The result of {@link SqliteKvStore#checkIntegrity()}: every problem found, in words. An empty list
 * means the data file passed every check.
 *
 * @param problems one human-readable line per problem found
 * @param revision the store revision recorded in the file (0 if it could not be read)
 * @param rows the number of rows in the revision log (0 if it could not be read)
 * @param liveKeys the number of live keys (0 if it could not be read)
 */
public record IntegrityReport(List<String> problems, long revision, long rows, long liveKeys) {

  public IntegrityReport {
    problems = List.copyOf(problems);
  }

  /** Whether no problem was found. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
