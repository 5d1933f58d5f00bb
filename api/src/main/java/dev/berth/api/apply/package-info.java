/**
 * Server-side apply and field ownership ({@code metadata.managedFields}), with the semantics of
 * kube-apiserver's field manager and sigs.k8s.io/structured-merge-diff, over Jackson trees and the
 * shared {@link dev.berth.api.schema.Schema}.
 *
 * <ul>
 *   <li>{@link dev.berth.api.apply.FieldSet}, {@link dev.berth.api.apply.FieldPath},
 *       {@link dev.berth.api.apply.PathElement}: sets of field paths and their FieldsV1 encoding;</li>
 *   <li>{@link dev.berth.api.apply.FieldSets}: the fields an object specifies;</li>
 *   <li>{@link dev.berth.api.apply.ManagedFields}: reading, writing and validating managedFields;</li>
 *   <li>{@link dev.berth.api.apply.FieldManager}: tracking updates and performing applies, with
 *       {@link dev.berth.api.apply.ApplyResult} and {@link dev.berth.api.apply.ApplyConflicts} for the
 *       409 of a refused apply.</li>
 * </ul>
 */
package dev.berth.api.apply;
