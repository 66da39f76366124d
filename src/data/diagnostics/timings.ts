/**
 * Recent query and worker timings, kept in memory on this device only. Recording is O(1)
 * (one object into a fixed ring, no per-row work) so it is always on; the Diagnostics page
 * subscribes while it is open.
 */

/** How a timed call ended: an abort (a superseded or cancelled run) is not a failure. */
export type Outcome = 'ok' | 'error' | 'cancelled';

/** One call to the SQL engine. */
export interface QueryTiming {
  /** When it started (epoch ms). */
  at: number;
  /** What ran: the start of the SQL with literals masked, or a name for non-SQL engine calls. */
  label: string;
  kind: 'query' | 'columns' | 'file' | 'arrow';
  ms: number;
  /** Rows returned; null for calls that return none (file registration, Arrow inserts). */
  rows: number | null;
  outcome: Outcome;
  /** The kind of failure (e.g. "Catalog Error", "AbortError"): never its message, which may quote data. */
  error?: string;
}

/** The workers whose calls are timed. */
export type WorkerName = 'import' | 'forecast' | 'segment';

/** One method call to a worker. */
export interface WorkerTiming {
  at: number;
  worker: WorkerName;
  task: string;
  ms: number;
  outcome: Outcome;
  error?: string;
}

/** A fixed-size log of the latest entries: the oldest is overwritten once it is full. */
export class TimingLog<T> {
  readonly capacity: number;
  private readonly ring: (T | undefined)[];
  private next = 0;
  private count = 0;
  private recorded = 0;
  private readonly listeners = new Set<() => void>();

  constructor(capacity = 100) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.ring = new Array<T | undefined>(capacity);
  }

  /** Adds an entry, dropping the oldest when full, and tells the subscribers. */
  add(entry: T): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.recorded++;
    for (const listener of this.listeners) listener();
  }

  /** The kept entries, newest first (a copy). */
  entries(): T[] {
    const out: T[] = [];
    for (let i = 1; i <= this.count; i++) out.push(this.ring[(this.next - i + this.capacity) % this.capacity] as T);
    return out;
  }

  /** How many entries were ever added (more than are kept once the ring has wrapped). */
  get total(): number {
    return this.recorded;
  }

  /** Calls `listener` after every add; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets every entry (subscribers are told). */
  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
    this.recorded = 0;
    for (const listener of this.listeners) listener();
  }
}

/** The app's query log (fed by the engine's connector). */
export const queryLog = new TimingLog<QueryTiming>();

/** The app's worker-call log (fed by the worker clients). */
export const workerLog = new TimingLog<WorkerTiming>();

// A QueryError's message starts "Query failed: " and then DuckDB's own, e.g. "Catalog Error: …".
const DUCKDB_KIND = /^Query failed: (?:Error: )?([A-Z][a-z]+(?: [A-Z][a-z]+)* Error):/;

/** A failure's kind, without its message: DuckDB's error class ("Binder Error"), else the error's name. */
export function errorKind(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  return (err.name === 'QueryError' && DUCKDB_KIND.exec(err.message)?.[1]) || err.name;
}

/** Whether a failure is a cancellation (an aborted signal, a cancelled import) rather than an error. */
export function isCancellation(err: unknown): boolean {
  if (err instanceof DOMException && err.name === 'AbortError') return true;
  return err instanceof Error && (err as { code?: unknown }).code === 'cancelled';
}

/** How a call ended, for the logs. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` and hands its start time, duration and result to `done`; the result or the
 * rejection passes through unchanged.
 */
export async function measure<T>(
  work: () => Promise<T>,
  done: (at: number, ms: number, settled: Settled<T>) => void,
): Promise<T> {
  const at = Date.now();
  const start = performance.now();
  try {
    const value = await work();
    done(at, performance.now() - start, { ok: true, value });
    return value;
  } catch (error) {
    done(at, performance.now() - start, { ok: false, error });
    throw error;
  }
}

/** The outcome and error kind of a settled call. */
export function outcomeOf(settled: Settled<unknown>): { outcome: Outcome; error?: string } {
  if (settled.ok) return { outcome: 'ok' };
  return { outcome: isCancellation(settled.error) ? 'cancelled' : 'error', error: errorKind(settled.error) };
}
