/**
 * Algorithms over the shared structural {@link dev.berth.api.schema.Schema}: strict field checking
 * for typed kinds ({@link dev.berth.api.schema.ops.FieldChecker}), and for custom resources pruning
 * ({@link dev.berth.api.schema.ops.Pruner}), defaulting
 * ({@link dev.berth.api.schema.ops.SchemaDefaulter}) and value validation
 * ({@link dev.berth.api.schema.ops.SchemaValidator}), each with kube-apiserver's paths and texts.
 * A custom resource write runs: decode, prune, default, validate.
 */
package dev.berth.api.schema.ops;
