/**
 * Image names, sizes and ids for the runtime. What exists, and how big it is, is in the
 * simulated registry (`registry.ts`); the reference grammar is in `imageRef.ts`.
 */
import { fnv32a, hex64, normalizeImage } from './imageRef';
import { lookupImage } from './registry';

export { fnv32a, normalizeImage } from './imageRef';

/**
 * Compressed size of an image: the registry's, or for a name the registry does not have (an
 * image preloaded on a node, say) a stable size derived from the name.
 */
export function imageSizeBytes(image: string): number {
  // The size is the registry's whoever asks: look it up as a pull with credentials would.
  const found = lookupImage(image, { pullSecrets: ['size'] });
  if (found.ok) return found.sizeBytes;
  const ref = normalizeImage(image);
  if (ref.startsWith('registry.k8s.io/kube-')) return 30_000_000 + (fnv32a(ref) % 60_000_000);
  return 5_000_000 + (fnv32a(ref) % 145_000_000);
}

/** A stable `sha256:…` image id (the runtime's content digest stands in as 64 hex digits). */
export function imageId(image: string): string {
  return `sha256:${hex64(normalizeImage(image))}`;
}
