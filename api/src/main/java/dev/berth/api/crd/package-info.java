/**
 * CustomResourceDefinition support: schema conversion ({@link dev.berth.api.crd.CrdSchemas}),
 * defaulting ({@link dev.berth.api.crd.CrdDefaults}) and validation
 * ({@link dev.berth.api.crd.CrdValidation}) of {@code apiextensions.k8s.io/v1} objects, the JSONPath
 * subset of printer columns and the scale subresource ({@link dev.berth.api.crd.JsonPathLite}), Table
 * columns ({@link dev.berth.api.crd.PrinterColumns}) and kubectl-style ages
 * ({@link dev.berth.api.crd.HumanDuration}).
 */
package dev.berth.api.crd;
