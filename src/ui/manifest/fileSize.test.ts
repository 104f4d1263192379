import { describe, expect, it } from 'vitest';
import { formatBytes, MAX_FILE_BYTES, textBytes, tooLarge } from './fileSize';

describe('picked file sizes', () => {
  it('refuses a file over the limit by its size alone (kubectl here reads 1 MiB; the API server takes 3 MiB)', () => {
    expect(MAX_FILE_BYTES).toBe(1024 * 1024);
    expect(tooLarge({ size: MAX_FILE_BYTES })).toBe(false);
    expect(tooLarge({ size: MAX_FILE_BYTES + 1 })).toBe(true);
    expect(tooLarge({ size: 27 * 1000 * 1000 })).toBe(true);
  });

  it('counts text in UTF-8 bytes', () => {
    expect(textBytes('abc')).toBe(3);
    expect(textBytes('廚'.repeat(400_000))).toBe(1_200_000);
  });

  it('writes sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(27_000_000)).toBe('25.7 MiB');
  });
});
