/**
 * The three PATCH body types of the Kubernetes API, applied to unstructured objects: JSON patch
 * ({@link dev.berth.api.patch.JsonPatch}), JSON merge patch ({@link dev.berth.api.patch.JsonMergePatch})
 * and strategic merge patch ({@link dev.berth.api.patch.StrategicMergePatch}). Refusals are
 * {@link dev.berth.api.status.ApiException}s with the codes, reasons and messages kube-apiserver's patch
 * handler uses. Server-side apply ({@code application/apply-patch+yaml}) is not here.
 */
package dev.berth.api.patch;
