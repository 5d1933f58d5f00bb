package dev.berth.apiserver.registry;

/**
 * metav1.DeleteOptions as the registry uses them.
 *
 * @param gracePeriodSeconds null when unset
 * @param propagationPolicy Orphan, Background, Foreground or null
 * @param preconditionUid null when unset
 * @param preconditionResourceVersion null when unset
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy,
    String preconditionUid, String preconditionResourceVersion, boolean dryRun) {

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);
}
