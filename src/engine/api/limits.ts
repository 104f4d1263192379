/**
 * Size limits on what a learner hands the cluster, in one leaf module (no imports) so the page
 * can check a file's size before reading it without loading the engine.
 */

/** kube-apiserver's MaxRequestBodyBytes: a request body over 3 MiB gets 413 (k8s.io/apiserver pkg/server/config.go). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * The most a manifest file may hold here: the engine's kubectl refuses larger files before
 * parsing them, to keep the page responsive (the real kubectl has no such limit of its own).
 */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** What the page accepts from a file picker: no more than kubectl here reads, nor the API server takes. */
export const MAX_FILE_BYTES = Math.min(MAX_MANIFEST_BYTES, MAX_REQUEST_BODY_BYTES);
