/**
 * Label and field selectors with the grammar, matching rules and error texts of upstream
 * {@code k8s.io/apimachinery/pkg/labels} and {@code k8s.io/apimachinery/pkg/fields}: used for
 * {@code labelSelector}/{@code fieldSelector} query parameters, watch filtering and
 * {@code metav1.LabelSelector} fields of workloads. All types are immutable and thread-safe.
 */
package dev.berth.api.selector;
