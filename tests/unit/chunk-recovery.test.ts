import { describe, expect, it } from 'vitest';
import { isChunkLoadError, shouldReload } from '../../src/chunk-recovery';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('chunk recovery', () => {
  it('knows the browsers’ messages for a module that could not be fetched', () => {
    // Chromium, Firefox and Safari, as they word it.
    expect(
      isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: https://x/assets/F-1.js')),
    ).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: https://x/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/x.css'))).toBe(true);
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isChunkLoadError('plain text')).toBe(false);
  });

  it('reloads once, then not again within the guard window, then again much later', () => {
    const storage = memoryStorage();
    expect(shouldReload(storage, 1_000_000)).toBe(true);
    expect(shouldReload(storage, 1_000_000 + 5_000)).toBe(false);
    expect(shouldReload(storage, 1_000_000 + 29_999)).toBe(false);
    expect(shouldReload(storage, 1_000_000 + 30_000)).toBe(true);
  });

  it('treats an unreadable stored time as no earlier attempt', () => {
    const storage = memoryStorage();
    storage.setItem('tillsight:chunk-reload-at', 'garbage');
    expect(shouldReload(storage, 5)).toBe(true);
  });
});
