package dev.berth.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.validation.FieldError;
import java.util.List;

/**
 * The upstream semantics of one built-in kind that an unstructured API server needs around a write:
 * defaulting (what {@code SetDefaults_*} fills in), the registry's create/update preparation, and
 * validation with upstream's field paths and messages.
 *
 * <p>The write path calls, in order:
 * <ol>
 *   <li>{@link #applyDefaults} on the decoded request body (and again whenever an object is read back from
 *       a form that may predate a default, as upstream's decoder does; it is idempotent);
 *   <li>on create: the caller assigns {@code metadata.uid}, {@code creationTimestamp} and a generated name,
 *       then calls {@link #prepareForCreate}; on update: {@link #prepareForUpdate} with the stored object;
 *   <li>{@link #validateCreate} or {@link #validateUpdate}; a non-empty result becomes a 422 through
 *       {@code ApiErrors.invalid}.
 * </ol>
 *
 * <p>Implementations are stateless and thread-safe; they never look anything up (no store, no clock), so
 * rules that need other objects (quota, service-account admission, IP allocation) belong to the caller.
 */
public interface KindStrategy {

  /** Fills upstream's defaults into {@code obj} in place. Idempotent. */
  void applyDefaults(ObjectNode obj);

  /**
   * Prepares a new object after the caller has assigned {@code metadata.uid} (and the generated name), as
   * upstream's registry strategies do in {@code PrepareForCreate}: reset status to its initial value, set
   * {@code metadata.generation} to 1 for kinds that track it, clear the namespace of cluster-scoped kinds,
   * generate a Job's selector and pod labels from its uid, and apply the pure parts of the default
   * admission plugins (pod priority for the built-in classes, default not-ready/unreachable tolerations).
   */
  default void prepareForCreate(ObjectNode obj) {}

  /**
   * Prepares an update of the main resource against the stored object {@code old}: system fields the client
   * cannot change ({@code generation}, {@code creationTimestamp}, deletion timestamp) come from {@code old}
   * and a missing {@code uid} is filled from it; status cannot be changed through the main resource (it is
   * copied from {@code old}); {@code metadata.generation} is incremented when the desired state changed, for
   * kinds that track generation; and kind rules run (a Service keeps allocated IPs and node ports an update
   * omits, a Namespace keeps its finalizers).
   */
  default void prepareForUpdate(ObjectNode obj, ObjectNode old) {}

  /** Validates a defaulted, prepared object for create; empty when valid. */
  List<FieldError> validateCreate(ObjectNode obj);

  /** Validates an update of {@code old} (the stored object) to {@code obj}; empty when valid. */
  List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old);
}
