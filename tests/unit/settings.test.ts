import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createSettings, settings } from '../../src/state/settings';

/** A Storage held in a Map; `fail` makes every call throw, as Safari's private mode once did. */
function memoryStorage(fail = false): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const guard = () => {
    if (fail) throw new DOMException('denied', 'SecurityError');
  };
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => (guard(), data.get(k) ?? null),
    setItem: (k, v) => (guard(), void data.set(k, v)),
    removeItem: (k) => void data.delete(k),
  };
}

const make = (storage: Storage | undefined) => createRoot(() => createSettings(storage));

describe('settings', () => {
  it('starts with pseudonymisation off and a random 128-bit salt, stored once', () => {
    const storage = memoryStorage();
    const first = make(storage);
    expect(first.pseudonymiseExports()).toBe(false);
    expect(first.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(make(storage).salt).toBe(first.salt);
    expect(make(memoryStorage()).salt).not.toBe(first.salt);
  });

  it('remembers the pseudonymise choice across visits', () => {
    const storage = memoryStorage();
    make(storage).setPseudonymiseExports(true);
    expect(make(storage).pseudonymiseExports()).toBe(true);
  });

  it('starts from the defaults when the stored value is corrupt', () => {
    const storage = memoryStorage();
    storage.setItem('tillsight:settings:v1', '{"pseudonymiseExports":"yes","salt":"short"');
    const s = make(storage);
    expect(s.pseudonymiseExports()).toBe(false);
    expect(s.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('works for the visit when storage is missing or refuses', () => {
    for (const storage of [undefined, memoryStorage(true)]) {
      const s = make(storage);
      s.setPseudonymiseExports(true);
      expect(s.pseudonymiseExports()).toBe(true);
      expect(s.salt).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('gives the app a store even where localStorage does not exist (Node)', () => {
    expect(settings.pseudonymiseExports()).toBe(false);
  });
});
