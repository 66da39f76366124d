/**
 * The last answers a page showed, kept in localStorage so a repeat visit can paint real
 * numbers before DuckDB (over a second to start) is up. Entries are keyed by dataset and
 * filter, so a cached view is always the answer to the same question on the same data.
 */

const PREFIX = 'tillsight:view:v1:';
const MAX_ENTRIES = 24;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode): run without the cache
  }
}

/** The cache key for a page's view of a dataset under a filter. */
export function viewKey(datasetKey: string, page: string, filters: unknown): string {
  return `${PREFIX}${page}|${datasetKey}|${JSON.stringify(filters)}`;
}

/** Reads a cached view, or undefined. */
export function readView<T>(key: string): T | undefined {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    return (JSON.parse(raw) as { value: T }).value;
  } catch {
    return undefined;
  }
}

/** Stores a view, evicting the oldest ones beyond a small bound. */
export function writeView(key: string, value: unknown): void {
  const s = storage();
  if (!s) return;
  try {
    s.setItem(key, JSON.stringify({ at: Date.now(), value }));
    const keys: { key: string; at: number }[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const at = Number((JSON.parse(s.getItem(k) ?? '{}') as { at?: number }).at ?? 0);
      keys.push({ key: k, at });
    }
    keys.sort((a, b) => b.at - a.at);
    for (const old of keys.slice(MAX_ENTRIES)) s.removeItem(old.key);
  } catch {
    // Quota exceeded: the cache is an optimisation, the page works without it.
  }
}
