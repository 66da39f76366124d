import { bytes } from '../../format';
import type { Columns, Connector, Row, SqlParam } from '../engine/connector';
import { measure, outcomeOf, queryLog, type QueryTiming, type TimingLog } from './timings';

const LABEL_LENGTH = 80;
// Enough SQL text for a label once comments and whitespace go; the rest is never looked at.
const SCAN_LENGTH = 600;
// A string literal or a quoted identifier (closed or cut off by the scan's end), or a line comment.
const QUOTED_OR_COMMENT = /'(?:[^']|'')*(?:'|$)|"(?:[^"]|"")*(?:"|$)|--[^\n]*/g;

/**
 * A one-line label for a statement: its start, with string literals and quoted identifiers
 * masked, so a label never carries a value or a user's column or file name (parameters are
 * never recorded at all).
 */
export function sqlLabel(sql: string): string {
  const text = sql
    .slice(0, SCAN_LENGTH)
    // One pass, so a "--" inside quotes is not taken for a comment (and quotes in a comment not for text).
    .replace(QUOTED_OR_COMMENT, (m) => (m.startsWith("'") ? "'…'" : m.startsWith('"') ? '"…"' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
}

function sizeLabel(content: string | Uint8Array): string {
  return typeof content === 'string' ? `${content.length} characters` : bytes(content.byteLength);
}

/**
 * The connector with every call timed into `log` (the app's query log by default). Results,
 * errors and the order of calls are those of `db`.
 */
export function timedConnector(db: Connector, log: TimingLog<QueryTiming> = queryLog): Connector {
  const track = <T>(
    kind: QueryTiming['kind'],
    label: () => string,
    work: () => Promise<T>,
    rows: (result: T) => number | null,
  ): Promise<T> =>
    measure(work, (at, ms, settled) =>
      log.add({ at, label: label(), kind, ms, rows: settled.ok ? rows(settled.value) : null, ...outcomeOf(settled) }),
    );
  return {
    query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      return track(
        'query',
        () => sqlLabel(sql),
        () => db.query<T>(sql, params),
        (r) => r.length,
      );
    },
    queryColumns(sql, params) {
      return track(
        'columns',
        () => sqlLabel(sql),
        () => db.queryColumns(sql, params),
        (c: Columns) => Object.values(c)[0]?.length ?? 0,
      );
    },
    registerFile(name, content) {
      // Measured before the call: the engine may transfer the bytes, leaving `content` empty.
      const size = sizeLabel(content);
      return track(
        'file',
        () => `register file (${size})`,
        () => db.registerFile(name, content),
        () => null,
      );
    },
    dropFile: (name) => db.dropFile(name),
    insertArrowIpc(table, ipc) {
      const size = bytes(ipc.byteLength);
      return track(
        'arrow',
        () => `insert Arrow IPC into ${table} (${size})`,
        () => db.insertArrowIpc(table, ipc),
        () => null,
      );
    },
  };
}
