package dev.berth.api.apply;

import dev.berth.api.status.ApiException;
import dev.berth.api.status.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The 409 of a refused apply, worded as kube-apiserver's NewConflictError. */
public final class ApplyConflicts {

  /** The Status cause reason of each conflicting field. */
  public static final String CAUSE_REASON = "FieldManagerConflict";

  private ApplyConflicts() {}

  /**
   * The error for {@code conflicts}: code 409, reason Conflict, one {@code FieldManagerConflict}
   * cause per field. Like upstream's NewApplyConflict, the details carry only the causes (no name
   * or kind). Messages:
   * {@code Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas}, or for
   * several, grouped by manager (sorted by manager identifier):
   * {@code Apply failed with 2 conflicts: conflicts with "m" using v1:\n- .a\n- .b}.
   */
  public static ApiException toApiException(List<Conflict> conflicts) {
    List<StatusCause> causes = new ArrayList<>(conflicts.size());
    for (Conflict c : conflicts) {
      causes.add(new StatusCause(CAUSE_REASON, "conflict with " + c.describeManager(), c.field()));
    }
    return new ApiException(409, "Conflict", message(conflicts), null, null, null, causes, 0);
  }

  /** The Status message for {@code conflicts}. */
  public static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + c.describeManager() + ": " + c.field();
    }
    Map<String, List<Conflict>> byManager = new TreeMap<>(GoJson::compareStrings);
    for (Conflict c : conflicts) {
      byManager.computeIfAbsent(c.identifier(), k -> new ArrayList<>()).add(c);
    }
    StringBuilder sb = new StringBuilder("Apply failed with ").append(conflicts.size())
        .append(" conflicts: ");
    boolean first = true;
    for (List<Conflict> group : byManager.values()) {
      if (!first) {
        sb.append('\n');
      }
      first = false;
      sb.append("conflicts with ").append(group.get(0).describeManager()).append(':');
      for (Conflict c : group) {
        sb.append("\n- ").append(c.field());
      }
    }
    return sb.toString();
  }

  /** Orders conflicts as upstream lists them: by manager identifier, then by field path order. */
  static List<Conflict> sorted(Map<String, List<Conflict>> byIdentifier) {
    Map<String, List<Conflict>> sorted = new TreeMap<>(GoJson::compareStrings);
    sorted.putAll(byIdentifier);
    List<Conflict> out = new ArrayList<>();
    sorted.values().forEach(out::addAll);
    return out;
  }
}
