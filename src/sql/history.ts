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

/**
 * Puts `sql` at the top of the history (moving it up if it is there already) and saves the list.
 * The stored list is read again first and merged with `current` (this tab's list, which may hold
 * entries that were never stored): another tab may have written since this one last read it, and
 * the last tab to write must not drop the other's entries.
 */
export function addToHistory(
  storage: HistoryStorage | undefined,
  current: readonly HistoryEntry[],
  sql: string,
  at: number,
): HistorySave {
  const text = sql.trim();
  const merged = normalise([...readHistory(storage), ...current]);
  if (!text) return { entries: merged, saved: true };
  // The new entry goes first whatever the clocks say; the rest stay newest first.
  const entries = [{ sql: text, at }, ...merged.filter((e) => e.sql.trim() !== text)].slice(0, HISTORY_LIMIT);
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

/** The part of a `StorageEvent` the history follows. */
export interface HistoryChange {
  key: string | null;
  newValue: string | null;
}

/**
 * This tab's list after another tab changed storage (a `storage` event), or undefined when the
 * change is not the history's. A cleared history (or cleared storage) empties the list; otherwise
 * the stored list is taken, with this tab's entries that were never stored (longer than
 * `HISTORY_MAX_CHARS`) kept in their place.
 */
export function historyAfterChange(
  storage: HistoryStorage | undefined,
  current: readonly HistoryEntry[],
  change: HistoryChange,
): HistoryEntry[] | undefined {
  if (change.key !== null && change.key !== HISTORY_KEY) return undefined;
  if (change.newValue === null) return [];
  const unstored = current.filter((e) => e.sql.length > HISTORY_MAX_CHARS);
  return normalise([...readHistory(storage), ...unstored]);
}

/** Characters of a history entry's label: its first line, cut short. */
export const HISTORY_LABEL_CHARS = 80;

/**
 * A short name for an entry (its button's text, accessible name and tooltip): the first line
 * that holds something, with runs of blanks made one, cut at `HISTORY_LABEL_CHARS` with "…";
 * "…" also marks that more lines follow. A 20,000-character script must not be read out whole.
 */
export function historyLabel(sql: string): string {
  const lines = sql.trim().split(/\r\n|\r|\n/);
  const first = (lines[0] ?? '').replace(/\s+/g, ' ').trim();
  const more = lines.length > 1;
  const chars = [...first]; // by code point: an emoji is not cut in half
  if (chars.length > HISTORY_LABEL_CHARS)
    return `${chars
      .slice(0, HISTORY_LABEL_CHARS - 1)
      .join('')
      .trimEnd()}…`;
  return more ? `${first} …` : first;
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
