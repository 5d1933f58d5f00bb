/**
 * Validation building blocks shared by the API server: {@link dev.berth.api.validation.FieldError} and its
 * accumulator, field paths, upstream's string format checks ({@link dev.berth.api.validation.Formats}),
 * resource {@link dev.berth.api.validation.Quantity quantities}, label selectors and {@code metadata}
 * validation. Messages are upstream's, so clients see the same errors as from a real kube-apiserver.
 */
package dev.berth.api.validation;
