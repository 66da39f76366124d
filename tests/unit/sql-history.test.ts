import { describe, expect, it } from 'vitest';
import {
  addToHistory,
  clearHistory,
  historyAfterChange,
  historyLabel,
  HISTORY_KEY,
  HISTORY_LABEL_CHARS,
  HISTORY_LIMIT,
  HISTORY_MAX_CHARS,
  readHistory,
  type HistoryEntry,
  type HistoryStorage,
} from '../../src/sql/history';

/** A Storage with a size limit in characters, like a browser's quota. */
class MemoryStorage implements HistoryStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** A Storage that refuses everything, as browsers do with storage turned off. */
const refusing: HistoryStorage = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
};

function runAll(storage: HistoryStorage, queries: string[]): HistoryEntry[] {
  let entries: HistoryEntry[] = [];
  queries.forEach((sql, i) => {
    entries = addToHistory(storage, entries, sql, 1000 + i).entries;
  });
  return entries;
}

describe('query history', () => {
  it('keeps queries newest first, across a "reload" (a fresh read of storage)', () => {
    const storage = new MemoryStorage();
    runAll(storage, ['SELECT 1', 'SELECT 2', 'SELECT 3']);
    expect(readHistory(storage).map((e) => e.sql)).toEqual(['SELECT 3', 'SELECT 2', 'SELECT 1']);
  });

  it('keeps each query once, moving a repeated one to the top (ignoring surrounding blanks)', () => {
    const storage = new MemoryStorage();
    runAll(storage, ['SELECT 1', 'SELECT 2', '  SELECT 1\n', 'SELECT 3']);
    const entries = readHistory(storage);
    expect(entries.map((e) => e.sql)).toEqual(['SELECT 3', 'SELECT 1', 'SELECT 2']);
    expect(entries[1]?.at).toBe(1002);
  });

  it(`keeps at most ${HISTORY_LIMIT}`, () => {
    const storage = new MemoryStorage();
    const queries = Array.from({ length: HISTORY_LIMIT + 7 }, (_, i) => `SELECT ${i}`);
    runAll(storage, queries);
    const entries = readHistory(storage);
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]?.sql).toBe(`SELECT ${HISTORY_LIMIT + 6}`);
    expect(entries[HISTORY_LIMIT - 1]?.sql).toBe('SELECT 7');
  });

  it('ignores blank queries', () => {
    const storage = new MemoryStorage();
    expect(addToHistory(storage, [], '   \n', 1).entries).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON but not a list', '{"sql":"SELECT 1"}'],
    ['a list of the wrong things', '[1, "SELECT 1", null, {"sql": 5, "at": 1}, {"sql": "", "at": 2}]'],
  ])('reads corrupted storage (%s) as empty, and recovers on the next save', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.items.set(HISTORY_KEY, raw);
    expect(readHistory(storage)).toEqual([]);
    const saved = addToHistory(storage, readHistory(storage), 'SELECT 1', 5);
    expect(saved.saved).toBe(true);
    expect(readHistory(storage)).toEqual([{ sql: 'SELECT 1', at: 5 }]);
  });

  it('keeps the good entries of a partly damaged list, deduplicated and newest first', () => {
    const storage = new MemoryStorage();
    storage.items.set(
      HISTORY_KEY,
      JSON.stringify([
        { sql: 'SELECT 1', at: 1 },
        { bad: true },
        { sql: 'SELECT 2', at: 3 },
        { sql: 'SELECT 1', at: 2 },
      ]),
    );
    expect(readHistory(storage)).toEqual([
      { sql: 'SELECT 2', at: 3 },
      { sql: 'SELECT 1', at: 2 },
    ]);
  });

  it('drops the oldest entries when storage is full, and says when even the newest did not fit', () => {
    // Room for a handful of entries only.
    const storage = new MemoryStorage(400);
    const entries = runAll(
      storage,
      Array.from({ length: 20 }, (_, i) => `SELECT ${i} AS padding_padding_padding`),
    );
    expect(entries).toHaveLength(20); // all of them for this visit
    const kept = readHistory(storage);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(20);
    expect(kept[0]?.sql).toBe('SELECT 19 AS padding_padding_padding');
    const tiny = new MemoryStorage(5);
    expect(addToHistory(tiny, [], 'SELECT 1', 1)).toEqual({ entries: [{ sql: 'SELECT 1', at: 1 }], saved: false });
  });

  it('works without storage, and with storage that refuses everything', () => {
    expect(readHistory(undefined)).toEqual([]);
    expect(addToHistory(undefined, [], 'SELECT 1', 1)).toEqual({ entries: [{ sql: 'SELECT 1', at: 1 }], saved: false });
    expect(readHistory(refusing)).toEqual([]);
    expect(addToHistory(refusing, [], 'SELECT 1', 1).saved).toBe(false);
    expect(() => clearHistory(refusing)).not.toThrow();
  });

  it('shows a very long script for this visit without storing it', () => {
    const storage = new MemoryStorage();
    runAll(storage, ['SELECT 1']);
    const huge = `SELECT '${'x'.repeat(HISTORY_MAX_CHARS)}'`;
    const saved = addToHistory(storage, readHistory(storage), huge, 5000);
    expect(saved.saved).toBe(false);
    expect(saved.entries.map((e) => e.sql)).toEqual([huge, 'SELECT 1']);
    expect(readHistory(storage).map((e) => e.sql)).toEqual(['SELECT 1']);
  });

  it('clears', () => {
    const storage = new MemoryStorage();
    runAll(storage, ['SELECT 1']);
    clearHistory(storage);
    expect(readHistory(storage)).toEqual([]);
  });

  describe('across tabs sharing one storage', () => {
    /** A tab: the list it read at mount, updated by its own runs only (no storage events). */
    function tab(storage: HistoryStorage) {
      let entries = readHistory(storage);
      return {
        run(sql: string, at: number) {
          entries = addToHistory(storage, entries, sql, at).entries;
          return entries.map((e) => e.sql);
        },
        follow(change: { key: string | null; newValue: string | null }) {
          entries = historyAfterChange(storage, entries, change) ?? entries;
          return entries.map((e) => e.sql);
        },
      };
    }

    it('merges instead of the last writer winning', () => {
      const storage = new MemoryStorage();
      const a = tab(storage);
      const b = tab(storage);
      a.run('SELECT 1', 1);
      b.run('SELECT 2', 2);
      expect(a.run('SELECT 3', 3)).toEqual(['SELECT 3', 'SELECT 2', 'SELECT 1']);
      expect(b.run('SELECT 4', 4)).toEqual(['SELECT 4', 'SELECT 3', 'SELECT 2', 'SELECT 1']);
      expect(readHistory(storage).map((e) => e.sql)).toEqual(['SELECT 4', 'SELECT 3', 'SELECT 2', 'SELECT 1']);
    });

    it('dedupes a query run in both tabs, keeping its latest time, and still caps the list', () => {
      const storage = new MemoryStorage();
      const a = tab(storage);
      const b = tab(storage);
      a.run('SELECT 1', 1);
      b.run(' SELECT 1 ', 2);
      expect(readHistory(storage)).toEqual([{ sql: 'SELECT 1', at: 2 }]);
      for (let i = 0; i < HISTORY_LIMIT; i++) (i % 2 ? a : b).run(`SELECT ${i + 10}`, 10 + i);
      const stored = readHistory(storage);
      expect(stored).toHaveLength(HISTORY_LIMIT);
      expect(stored[0]?.sql).toBe(`SELECT ${HISTORY_LIMIT + 9}`);
      expect(new Set(stored.map((e) => e.sql)).size).toBe(HISTORY_LIMIT);
    });

    it("follows the other tab's writes and clears through storage events", () => {
      const storage = new MemoryStorage();
      const a = tab(storage);
      const b = tab(storage);
      a.run('SELECT 1', 1);
      const value = storage.getItem(HISTORY_KEY);
      expect(b.follow({ key: HISTORY_KEY, newValue: value })).toEqual(['SELECT 1']);
      expect(historyAfterChange(storage, [], { key: 'tillsight:theme', newValue: 'dark' })).toBeUndefined();
      clearHistory(storage);
      expect(a.follow({ key: HISTORY_KEY, newValue: null })).toEqual([]);
      // A cleared history is not brought back by the next run in a tab that followed the clear.
      expect(a.run('SELECT 2', 2)).toEqual(['SELECT 2']);
      // storage.clear() in another tab: key null.
      expect(b.follow({ key: null, newValue: null })).toEqual([]);
    });

    it("keeps this tab's unstored long script when following the other tab", () => {
      const storage = new MemoryStorage();
      const a = tab(storage);
      const b = tab(storage);
      const huge = `SELECT '${'x'.repeat(HISTORY_MAX_CHARS)}'`;
      a.run(huge, 5);
      b.run('SELECT 1', 6);
      expect(a.follow({ key: HISTORY_KEY, newValue: storage.getItem(HISTORY_KEY) })).toEqual(['SELECT 1', huge]);
    });
  });

  it('labels an entry by its first line, cut short', () => {
    expect(historyLabel('SELECT 1')).toBe('SELECT 1');
    expect(historyLabel('\n  SELECT   region,\n  sum(revenue)\nFROM sales')).toBe('SELECT region, …');
    const long = historyLabel(`SELECT '${'x'.repeat(HISTORY_MAX_CHARS)}'`);
    expect([...long]).toHaveLength(HISTORY_LABEL_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
