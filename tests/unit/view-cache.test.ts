import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readView, viewKey, writeView } from '../../src/state/view-cache';

// Node has no localStorage: a Map-backed one with the same interface stands in for the browser's.
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const used = [...this.items.values()].reduce((a, v) => a + v.length, 0);
    if (used + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('view cache', () => {
  it('gives back what was stored for the same dataset, page and filter only', () => {
    const f = { categories: ['Toys'], regions: [], grain: 'month' };
    writeView(viewKey('data-1', 'overview', f), { revenue: 42 });
    expect(readView(viewKey('data-1', 'overview', f))).toEqual({ revenue: 42 });
    expect(readView(viewKey('data-2', 'overview', f))).toBeUndefined();
    expect(readView(viewKey('data-1', 'overview', { ...f, categories: [] }))).toBeUndefined();
  });

  it('keeps a bounded number of views, dropping the oldest', () => {
    for (let i = 0; i < 40; i++) writeView(viewKey('d', 'overview', { i }), { i });
    expect(storage.length).toBeLessThanOrEqual(24);
    expect(readView(viewKey('d', 'overview', { i: 39 }))).toEqual({ i: 39 });
  });

  it('carries on without caching when storage is full or holds garbage', () => {
    storage.quota = 10;
    expect(() => writeView(viewKey('d', 'overview', {}), { big: 'x'.repeat(100) })).not.toThrow();
    storage.quota = Infinity;
    storage.setItem(viewKey('d', 'overview', { bad: 1 }), '{not json');
    expect(readView(viewKey('d', 'overview', { bad: 1 }))).toBeUndefined();
  });
});
