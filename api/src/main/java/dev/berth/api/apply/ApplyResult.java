package dev.berth.api.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.status.ApiException;
import java.util.List;

/** The outcome of a server-side apply: the object to store, or the conflicts that stop it. */
public sealed interface ApplyResult {

  /**
   * The merged object with its managedFields updated.
   *
   * @param object a new tree, shared with neither input
   * @param changed false when the apply changed nothing but (possibly) managedFields
   */
  record Applied(ObjectNode object, boolean changed) implements ApplyResult {}

  /** Fields the applier does not own and would change; nothing was applied. */
  record Conflicted(List<Conflict> conflicts) implements ApplyResult {

    public Conflicted {
      conflicts = List.copyOf(conflicts);
    }

    /** The 409 the caller answers with. */
    public ApiException toApiException() {
      return ApplyConflicts.toApiException(conflicts);
    }
  }
}
