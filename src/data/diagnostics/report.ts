import { bytes } from '../../format';
import type { EngineInfo } from '../engine/duckdb-browser';
import type { AppFacts, StorageFacts } from './browser-facts';
import type { EngineFacts, TableFact } from './engine-facts';
import type { QueryTiming, WorkerTiming } from './timings';

/** Everything the plain-text report may say: sizes, versions and timings, never a data value or a name. */
export interface ReportInput {
  generatedAt: number;
  app?: AppFacts | undefined;
  engineInfo?: EngineInfo | undefined;
  engine?: EngineFacts | undefined;
  dataset?: { origin: string; loadMs: number } | undefined;
  tables?: readonly TableFact[] | undefined;
  storage?: StorageFacts | undefined;
  /** Newest first, as the logs give them; `total` counts those no longer kept too. */
  queries: { entries: readonly QueryTiming[]; total: number };
  workers: { entries: readonly WorkerTiming[]; total: number };
}

/** Count, median, 95th percentile and maximum of some durations (ms); null when there are none. */
export function timingSummary(
  ms: readonly number[],
): { count: number; median: number; p95: number; max: number } | null {
  if (ms.length === 0) return null;
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const iso = (epochMs: number) => new Date(epochMs).toISOString();

function summaryLine(entries: readonly { ms: number }[], total: number): string {
  const s = timingSummary(entries.map((e) => e.ms));
  if (!s) return 'none recorded';
  return `${s.count} kept of ${total} recorded; median ${ms(s.median)}, p95 ${ms(s.p95)}, slowest ${ms(s.max)}`;
}

function outcome(e: { outcome: string; error?: string | undefined }): string {
  return e.error ? `${e.outcome} (${e.error})` : e.outcome;
}

/** The Diagnostics page as plain text, for a bug report. */
export function diagnosticsReport(r: ReportInput): string {
  const lines: string[] = ['Tillsight diagnostics', `Generated: ${iso(r.generatedAt)}`, ''];
  if (r.app) {
    const sw = r.app.serviceWorker;
    lines.push(
      '[App]',
      `Version: ${r.app.version} (${r.app.mode} build, base ${r.app.base})`,
      `Service worker: ${
        sw.supported
          ? `${sw.state ?? 'not registered'}, ${sw.controlling ? 'controlling this page' : 'not controlling this page'}${sw.updateWaiting ? ', update waiting' : ''}`
          : 'not supported'
      }`,
      `Browser: ${r.app.userAgent}`,
      `Cross-origin isolated: ${yesNo(r.app.crossOriginIsolated)}; online: ${yesNo(r.app.online)}; cores: ${r.app.cores ?? 'unknown'}`,
      '',
    );
  }
  if (r.engine || r.engineInfo) {
    lines.push('[Engine]');
    if (r.engine) lines.push(`DuckDB: ${r.engine.version} (${r.engine.sourceId}), ${r.engine.threads} thread(s)`);
    if (r.engineInfo) {
      const i = r.engineInfo;
      lines.push(
        `duckdb-wasm: ${i.packageVersion}, ${i.bundle} bundle; started in ${ms(i.startMs)} (instantiate ${ms(i.instantiateMs)}, open ${ms(i.openMs)})`,
      );
    }
    if (r.engine) lines.push(`Memory: ${r.engine.memoryUsage} of ${r.engine.memoryLimit}`);
    lines.push('');
  }
  if (r.dataset || r.tables) {
    lines.push('[Dataset]');
    if (r.dataset) lines.push(`Origin: ${r.dataset.origin}; loaded in ${ms(r.dataset.loadMs)}`);
    for (const t of r.tables ?? []) lines.push(`${t.name}: ${t.exact ? '' : '~'}${t.rows} rows, ${t.columns} columns`);
    lines.push('');
  }
  if (r.storage) {
    const s = r.storage;
    lines.push(
      '[Storage]',
      `Used: ${bytes(s.usage)} of ${bytes(s.quota)}; persisted: ${yesNo(s.persisted)}`,
      ...Object.entries(s.details).map(([kind, n]) => `  ${kind}: ${bytes(n)}`),
      `Saved import: ${s.saved ? `${s.saved.files} file(s), ${bytes(s.saved.bytes)} in ${s.saved.backend}` : 'unknown'}`,
      `localStorage: ${s.localStorage ? `${s.localStorage.keys} key(s), ${bytes(s.localStorage.bytes)}` : 'unavailable'}`,
      `Cache Storage: ${s.caches ?? 'unavailable'} cache(s)`,
      '',
    );
  }
  lines.push(`[Recent queries] ${summaryLine(r.queries.entries, r.queries.total)}`);
  for (const q of r.queries.entries)
    lines.push(`${iso(q.at)}  ${ms(q.ms)}  ${q.rows ?? '-'} rows  ${outcome(q)}  ${q.label}`);
  lines.push('', `[Worker tasks] ${summaryLine(r.workers.entries, r.workers.total)}`);
  for (const w of r.workers.entries) lines.push(`${iso(w.at)}  ${ms(w.ms)}  ${w.worker}.${w.task}  ${outcome(w)}`);
  return `${lines.join('\n')}\n`;
}
