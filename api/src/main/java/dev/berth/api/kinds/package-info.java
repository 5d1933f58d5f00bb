/**
 * Upstream Kubernetes semantics of the built-in kinds for an unstructured API server: defaulting
 * ({@code SetDefaults_*}), the registry strategies' create/update preparation, and validation with upstream's
 * field paths and messages, all on Jackson trees.
 *
 * <p>Entry point: {@link dev.berth.api.kinds.KindStrategies#forKind(String, String)} returns the
 * {@link dev.berth.api.kinds.KindStrategy} of a group and kind. Each kind's rules live in a small strategy
 * class; pod specs (shared by Pods and every workload template) are handled in one place so that template
 * errors carry the template's path ({@code spec.template.spec.containers[0].image}).
 */
package dev.berth.api.kinds;
