/**
 * A picked file's size is checked before it is read: reading a 27 MB file froze the page for
 * seconds only to refuse it afterwards. The limit comes from a leaf module of the engine so this
 * check loads no engine code.
 */
import { MAX_FILE_BYTES, MAX_REQUEST_BODY_BYTES } from '../../engine/api/limits';

export { MAX_FILE_BYTES, MAX_REQUEST_BODY_BYTES };

/** Whether a picked file (by its `File.size`) is too large to open. */
export function tooLarge(file: { size: number }): boolean {
  return file.size > MAX_FILE_BYTES;
}

/** UTF-8 bytes of text typed or pasted (the limit is in bytes, as kubectl counts them). */
export function textBytes(text: string): number {
  // Short text cannot be over the limit: skip encoding it.
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/** 1536 → "1.5 KiB", 27_000_000 → "25.7 MiB": binary units, as the limits are. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kib = bytes / 1024;
  if (kib < 1024) return `${trim(kib)} KiB`;
  return `${trim(kib / 1024)} MiB`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
