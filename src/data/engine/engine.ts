import { timedConnector } from '../diagnostics/timed-connector';
import type { Connector } from './connector';
import type { EngineInfo } from './duckdb-browser';

export type { EngineInfo };

let engine: Promise<{ connector: Connector; info: EngineInfo }> | undefined;

/**
 * The browser's DuckDB, started on first use. One memoised loading promise avoids race
 * conditions (two callers starting two engines); the dynamic import keeps DuckDB's JS off
 * the first paint. Every query goes through this connector, so this is where they are timed
 * (for Diagnostics).
 */
export function browserEngine(): Promise<{ connector: Connector; info: EngineInfo }> {
  engine ??= import('./duckdb-browser')
    .then((m) => m.startBrowserEngine())
    .then(({ connector, info }) => ({ connector: timedConnector(connector), info }));
  engine.catch(() => {
    engine = undefined; // a failed start can be retried
  });
  return engine;
}
