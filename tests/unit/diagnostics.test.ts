import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expose, wrap } from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFacts, tableFacts } from '../../src/data/diagnostics/engine-facts';
import { diagnosticsReport, timingSummary } from '../../src/data/diagnostics/report';
import { sqlLabel, timedConnector } from '../../src/data/diagnostics/timed-connector';
import { timedRemote } from '../../src/data/diagnostics/timed-remote';
import { TimingLog, type QueryTiming, type WorkerTiming } from '../../src/data/diagnostics/timings';
import type { Connector } from '../../src/data/engine/connector';
import { QueryError } from '../../src/data/engine/connector';
import { builtinDb } from '../helpers/builtin-db';
import { parseCsv } from '../helpers/csv';
import { readLines, ROOT } from '../helpers/expected';

describe('TimingLog', () => {
  it('keeps the latest entries up to its capacity, newest first, and counts every one', () => {
    const log = new TimingLog<number>(3);
    expect(log.entries()).toEqual([]);
    log.add(1);
    log.add(2);
    expect(log.entries()).toEqual([2, 1]);
    for (const n of [3, 4, 5, 6, 7]) log.add(n);
    expect(log.entries()).toEqual([7, 6, 5]);
    expect(log.total).toBe(7);
    // A copy: changing it leaves the log as it was.
    log.entries().pop();
    expect(log.entries()).toEqual([7, 6, 5]);
    log.clear();
    expect(log.entries()).toEqual([]);
    expect(log.total).toBe(0);
  });

  it('wraps around many times without losing the order', () => {
    const log = new TimingLog<number>(100);
    for (let n = 1; n <= 1234; n++) log.add(n);
    const kept = log.entries();
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe(1234);
    expect(kept[99]).toBe(1135);
    expect(kept.every((n, i) => i === 0 || (kept[i - 1] ?? 0) - n === 1)).toBe(true);
  });

  it('tells subscribers of each entry until they unsubscribe', () => {
    const log = new TimingLog<string>(2);
    let calls = 0;
    const stop = log.subscribe(() => calls++);
    log.add('a');
    log.add('b');
    stop();
    log.add('c');
    expect(calls).toBe(2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new TimingLog(0)).toThrow(RangeError);
    expect(() => new TimingLog(2.5)).toThrow(RangeError);
  });
});

describe('sqlLabel', () => {
  it('collapses the statement onto one line and masks literals and quoted names', () => {
    expect(
      sqlLabel(`\n  SELECT count(*)\n    FROM sales\n   WHERE region = 'North' AND "Customer Email" IS NOT NULL`),
    ).toBe(`SELECT count(*) FROM sales WHERE region = '…' AND "…" IS NOT NULL`);
    expect(sqlLabel("-- a comment\nSELECT 'it''s' AS x")).toBe("SELECT '…' AS x");
  });

  it('does not take a "--" inside quotes for a comment, so the names after it stay masked', () => {
    const label = sqlLabel(`SELECT "Margin -- %", "Customer Email" FROM t WHERE note = 'a -- b' -- why 'x'`);
    expect(label).toBe(`SELECT "…", "…" FROM t WHERE note = '…'`);
  });

  it('truncates long statements to 80 characters, masking a literal the cut falls inside', () => {
    const label = sqlLabel(`SELECT ${'x, '.repeat(100)} FROM t`);
    expect(label).toHaveLength(80);
    expect(label.endsWith('…')).toBe(true);
    const open = sqlLabel(`SELECT '${'secret '.repeat(200)}'`);
    expect(open).not.toContain('secret');
  });
});

describe('on a real DuckDB holding the built-in data', () => {
  let db: Connector & { close(): void };
  const lines = readLines();
  beforeAll(async () => {
    db = await builtinDb();
  });
  afterAll(() => db?.close());

  it('timedConnector records a query’s duration and row count, and returns what the engine returns', async () => {
    const log = new TimingLog<QueryTiming>();
    const timed = timedConnector(db, log);
    const before = Date.now();
    const t0 = performance.now();
    const rows = await timed.query('SELECT * FROM sales');
    const elapsed = performance.now() - t0;
    expect(rows).toHaveLength(lines.length);
    expect(rows).toEqual(await db.query('SELECT * FROM sales'));
    const [entry] = log.entries();
    expect(log.entries()).toHaveLength(1);
    expect(entry).toMatchObject({ kind: 'query', label: 'SELECT * FROM sales', rows: lines.length, outcome: 'ok' });
    expect(entry?.ms).toBeGreaterThan(0);
    expect(entry?.ms).toBeLessThanOrEqual(elapsed);
    expect(entry?.at).toBeGreaterThanOrEqual(before);
    expect(entry?.error).toBeUndefined();
  });

  it('timedConnector counts the rows of a columnar result and never records parameters', async () => {
    const log = new TimingLog<QueryTiming>();
    const timed = timedConnector(db, log);
    const north = lines.filter((l) => l.region === 'North').length;
    const columns = await timed.queryColumns('SELECT CAST(quantity AS DOUBLE) AS q FROM sales WHERE region = ?', [
      'North',
    ]);
    expect(columns.q?.length).toBe(north);
    const [entry] = log.entries();
    expect(entry).toMatchObject({ kind: 'columns', rows: north, outcome: 'ok' });
    expect(entry?.label).toBe('SELECT CAST(quantity AS DOUBLE) AS q FROM sales WHERE region = ?');
    expect(JSON.stringify(entry)).not.toContain('North');
  });

  it('timedConnector records a failure with its kind and passes the same error on', async () => {
    const log = new TimingLog<QueryTiming>();
    const timed = timedConnector(db, log);
    const failure = await timed.query('SELECT * FROM no_such_table').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryError);
    expect((failure as QueryError).sql).toBe('SELECT * FROM no_such_table');
    const [entry] = log.entries();
    expect(entry).toMatchObject({ outcome: 'error', error: 'Catalog Error', rows: null });
    expect(entry?.ms).toBeGreaterThanOrEqual(0);
  });

  it('timedConnector times file registration without a row count', async () => {
    const log = new TimingLog<QueryTiming>();
    const timed = timedConnector(db, log);
    await timed.registerFile('diag.csv', 'a\n1\n2\n');
    expect(await timed.query("SELECT count(*) AS n FROM read_csv('diag.csv')")).toEqual([{ n: 2 }]);
    await timed.dropFile('diag.csv');
    await timed.registerFile('diag.bin', new Uint8Array(2048));
    await timed.dropFile('diag.bin');
    expect(log.entries().map((e) => [e.kind, e.rows, e.label])).toEqual([
      ['file', null, 'register file (2 KB)'],
      ['query', 1, "SELECT count(*) AS n FROM read_csv('…')"],
      ['file', null, 'register file (6 characters)'],
    ]);
  });

  it('engine facts give DuckDB’s version and exact sizes of the dataset’s tables', async () => {
    const facts = await engineFacts(db);
    expect(facts.version).toMatch(/^v1\.\d+\.\d+/);
    expect(facts.threads).toBeGreaterThan(0);
    expect(facts.memoryLimit).not.toBe('');
    const tables = await tableFacts(db);
    const products = parseCsv(readFileSync(path.join(ROOT, 'data/products.csv'), 'utf8')).length;
    expect(tables.find((t) => t.name === 'sales')).toEqual({
      name: 'sales',
      rows: lines.length,
      exact: true,
      columns: 12,
    });
    expect(tables.find((t) => t.name === 'products')).toMatchObject({ rows: products, exact: true, columns: 8 });
    expect(tables.find((t) => t.name === 'rejects')).toMatchObject({ rows: 0, exact: true });
    // The cubes are sized by DuckDB's estimate.
    expect(tables.find((t) => t.name === 'cube_day')?.exact).toBe(false);
  });
});

describe('timedRemote over a real Comlink channel', () => {
  const api = {
    async add(a: number, b: number) {
      return a + b;
    },
    // Typed as returning a value: Comlink's Remote turns `Promise<never>` into `never`.
    async fail(): Promise<number> {
      throw new TypeError('bad input');
    },
    hang(): Promise<number> {
      return new Promise(() => undefined);
    },
  };
  const channel = new MessageChannel();
  beforeAll(() => expose(api, channel.port1));
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('records each call’s duration and outcome and passes results and errors through', async () => {
    const log = new TimingLog<WorkerTiming>();
    const remote = timedRemote('segment', wrap<typeof api>(channel.port2), undefined, log);
    expect(await remote.add(2, 3)).toBe(5);
    const failure = await remote.fail().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('bad input');
    const [failed, added] = log.entries();
    expect(added).toMatchObject({ worker: 'segment', task: 'add', outcome: 'ok' });
    expect(added?.ms).toBeGreaterThan(0);
    expect(failed).toMatchObject({ worker: 'segment', task: 'fail', outcome: 'error' });
  });

  it('settles a call that a stopped worker will never answer, as cancelled', async () => {
    const log = new TimingLog<WorkerTiming>();
    let stop: (err: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    const remote = timedRemote('forecast', wrap<typeof api>(channel.port2), stopped, log);
    const call = remote.hang();
    const abort = new DOMException('Cancelled', 'AbortError');
    setTimeout(() => stop(abort), 20);
    await expect(call).rejects.toBe(abort);
    expect(log.entries()).toEqual([
      expect.objectContaining({ task: 'hang', outcome: 'cancelled', error: 'AbortError' }),
    ]);
    expect(log.entries()[0]?.ms).toBeGreaterThanOrEqual(15);
  });
});

describe('diagnosticsReport', () => {
  it('summarises durations', () => {
    expect(timingSummary([])).toBeNull();
    expect(timingSummary([5, 1, 3, 2, 4])).toEqual({ count: 5, median: 3, p95: 5, max: 5 });
  });

  it('gives versions, sizes and timings, newest first', () => {
    const text = diagnosticsReport({
      generatedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
      engine: { version: 'v1.4.3', sourceId: 'abc', memoryUsage: '10.0 MiB', memoryLimit: '3.1 GiB', threads: 1 },
      dataset: { origin: 'import', loadMs: 321 },
      tables: [{ name: 'sales', rows: 5000, exact: true, columns: 12 }],
      queries: {
        entries: [
          { at: 2, label: "SELECT '…'", kind: 'query', ms: 12.34, rows: 7, outcome: 'ok' },
          { at: 1, label: 'SELECT 1', kind: 'query', ms: 1, rows: null, outcome: 'error', error: 'Binder Error' },
        ],
        total: 9,
      },
      workers: { entries: [], total: 0 },
    });
    expect(text).toContain('Generated: 2025-01-02T03:04:05.000Z');
    expect(text).toContain('DuckDB: v1.4.3 (abc), 1 thread(s)');
    expect(text).toContain('sales: 5000 rows, 12 columns');
    expect(text).toContain('[Recent queries] 2 kept of 9 recorded; median 1.0 ms, p95 12.3 ms, slowest 12.3 ms');
    const newest = text.indexOf("SELECT '…'");
    const older = text.indexOf('error (Binder Error)  SELECT 1');
    expect(newest).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(newest);
    expect(text).toContain('[Worker tasks] none recorded');
  });
});
