package dev.berth.dist;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured, quiet logs: one line per record, {@code time level logger msg="..."}, warnings and
 * above unless {@code BERTH_LOG_LEVEL} says otherwise.
 */
final class Logging {

  private Logging() {}

  static void configure(String level) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Level lvl = parse(level);
    root.setLevel(lvl);
    ConsoleHandler h = new ConsoleHandler();
    h.setLevel(lvl);
    h.setFormatter(new Formatter() {
      @Override
      public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("time=").append(Instant.ofEpochMilli(r.getMillis()))
            .append(" level=").append(r.getLevel().getName())
            .append(" logger=").append(shortName(r.getLoggerName()))
            .append(" msg=\"").append(escape(formatMessage(r))).append('"');
        if (r.getThrown() != null) {
          sb.append(" error=\"").append(escape(String.valueOf(r.getThrown()))).append('"');
        }
        return sb.append('\n').toString();
      }
    });
    root.addHandler(h);
  }

  private static Level parse(String level) {
    if (level == null || level.isBlank()) {
      return Level.WARNING;
    }
    return switch (level.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "debug", "trace" -> Level.FINE;
      case "info" -> Level.INFO;
      case "error" -> Level.SEVERE;
      default -> Level.WARNING;
    };
  }

  private static String shortName(String name) {
    if (name == null) {
      return "";
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
