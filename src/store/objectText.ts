/**
 * An object's text as kubectl prints it (`kubectl get KIND NAME -o yaml`), with the engine's own
 * printer. Loaded lazily by the inspector (`import('../../store/objectText')`), so the printer
 * is not in the page's first chunk. Reads the stored object like a debugger: no request to the
 * API server, nothing added to the trace.
 */
// The printer's own module, not the engine's index: the chunk carries the printer, not the engine.
import type { KObject } from '../engine/api/types';
import { printObject } from '../engine/kubectl/print/output';

const cache = new WeakMap<KObject, string>();

/** `kubectl get … -o yaml` of one stored object (cached per object: stored objects are immutable). */
export function objectYaml(obj: KObject): string {
  let text = cache.get(obj);
  if (text === undefined) {
    text = printObject(obj, 'yaml');
    cache.set(obj, text);
  }
  return text;
}
