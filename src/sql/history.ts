/**
 * The console's query history, kept in this browser (localStorage): newest first, each query
 * once, at most `HISTORY_LIMIT` entries. Storage can be missing (privacy mode), full, or hold
 * something that is not ours; none of that may break the console, so every read and write
 * here falls back instead of throwing.
 */

/** One query the user ran. */
export interface HistoryEntry {
  sql: string;
  /** When it last ran (epoch ms). */
  at: number;
}

/** The part of `Storage` the history uses (localStorage in the app, a Map-backed one in tests). */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const HISTORY_KEY = 'tillsight:sql-history';
export const HISTORY_LIMIT = 50;
/** Longer scripts run but are not kept: one pasted dump must not crowd out the whole history. */
export const HISTORY_MAX_CHARS = 20_000;

/** The outcome of a save: whether the newest entry reached storage (if not, the list still holds for this visit). */
export interface HistorySave {
  entries: HistoryEntry[];
  saved: boolean;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false;
  const { sql, at } = value as Record<string, unknown>;
  return typeof sql === 'string' && sql.trim() !== '' && typeof at === 'number' && Number.isFinite(at);
}

/** Reads the history; anything unreadable (bad JSON, wrong shapes, storage refused) counts as empty. */
export function readHistory(storage: HistoryStorage | undefined): HistoryEntry[] {
  let raw: string | null | undefined;
  try {
    raw = storage?.getItem(HISTORY_KEY);
  } catch {
    return [];
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  // Keep the good entries of a partly damaged list, still deduplicated and capped.
  return normalise(parsed.filter(isEntry));
}

/** Newest first, each query once (by its trimmed text), at most the limit. */
function normalise(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const seen = new Set<string>();
  const out: HistoryEntry[] = [];
  for (const e of [...entries].sort((a, b) => b.at - a.at)) {
    const key = e.sql.trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sql: e.sql, at: e.at });
    if (out.length === HISTORY_LIMIT) break;
  }
  return out;
}

/** Writes `entries`, dropping the oldest until they fit when storage is full. */
function write(storage: HistoryStorage | undefined, entries: HistoryEntry[]): HistorySave {
  if (!storage) return { entries, saved: false };
  for (let keep = entries.length; keep >= 0; keep = Math.floor(keep / 2)) {
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify(entries.slice(0, keep)));
      // Saved if the newest entry (the one just run) made it.
      return { entries, saved: keep > 0 || entries.length === 0 };
    } catch {
      // Quota exceeded (or storage refused): try with fewer entries.
    }
    if (keep === 0) break;
  }
  return { entries, saved: false };
}

/** Puts `sql` at the top of the history (moving it up if it is there already) and saves the list. */
export function addToHistory(
  storage: HistoryStorage | undefined,
  current: readonly HistoryEntry[],
  sql: string,
  at: number,
): HistorySave {
  const text = sql.trim();
  if (!text) return { entries: [...current], saved: true };
  const entries = normalise([{ sql: text, at }, ...current.filter((e) => e.sql.trim() !== text)]);
  if (text.length > HISTORY_MAX_CHARS) {
    // Shown for this visit, not written: the stored list stays small.
    write(
      storage,
      entries.filter((e) => e.sql.length <= HISTORY_MAX_CHARS),
    );
    return { entries, saved: false };
  }
  return write(storage, entries);
}

/** Empties the history. */
export function clearHistory(storage: HistoryStorage | undefined): void {
  try {
    storage?.removeItem(HISTORY_KEY);
  } catch {
    // storage refused: the list is cleared on screen all the same
  }
}

/** The app's storage, or undefined where the browser refuses it (privacy modes throw on access). */
export function browserStorage(): HistoryStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
