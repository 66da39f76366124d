import { sqlLabel, timedConnector } from '../diagnostics/timed-connector';
import { errorKind, isCancellation, measure, queryLog, type TimingLog, type QueryTiming } from '../diagnostics/timings';
import type { Connector } from './connector';
import type { EngineInfo } from './duckdb-browser';
import type { SqlSession } from './sql-session';

export type { EngineInfo };

/** The started engine: the app's connector, its start-up facts, and the SQL console's session. */
export interface BrowserEngine {
  connector: Connector;
  info: EngineInfo;
  session: SqlSession;
}

let engine: Promise<BrowserEngine> | undefined;

/**
 * The browser's DuckDB, started on first use. One memoised loading promise avoids race
 * conditions (two callers starting two engines); the dynamic import keeps DuckDB's JS off
 * the first paint. Every query goes through this connector, so this is where they are timed
 * (for Diagnostics).
 */
export function browserEngine(): Promise<BrowserEngine> {
  engine ??= import('./duckdb-browser')
    .then((m) => m.startBrowserEngine())
    .then(({ connector, info, session }) => ({
      connector: timedConnector(connector),
      info,
      session: timedSession(session),
    }));
  engine.catch(() => {
    engine = undefined; // a failed start can be retried
  });
  return engine;
}

/**
 * The console's session with each script timed into `log` (Diagnostics' query log), labelled
 * "console:" and the start of the SQL with its literals masked; the error is logged by kind only.
 */
export function timedSession(session: SqlSession, log: TimingLog<QueryTiming> = queryLog): SqlSession {
  return {
    run(script, options) {
      return measure(
        () => session.run(script, options),
        (at, ms, settled) =>
          log.add({
            at,
            label: `console: ${sqlLabel(script)}`,
            kind: 'query',
            ms,
            rows: settled.ok ? settled.value.rowCount : null,
            ...(settled.ok
              ? { outcome: 'ok' as const }
              : isCancellation(settled.error)
                ? { outcome: 'cancelled' as const, error: 'Cancelled' }
                : { outcome: 'error' as const, error: consoleErrorKind(settled.error) }),
          }),
      );
    },
    cancel: () => session.cancel(),
  };
}

/**
 * The kind of a console failure, read by shape rather than `instanceof`: importing the session
 * module here would pull Arrow and the SQL classifier into the first paint.
 */
function consoleErrorKind(err: unknown): string {
  if (err instanceof Error && err.name === 'SqlQueryError') {
    const kind = (err as { info?: { kind?: unknown } }).info?.kind;
    if (typeof kind === 'string') return kind;
  }
  if (err instanceof Error && err.name === 'SqlRefusedError') return 'Refused (read-only)';
  return errorKind(err);
}
