import type { Connector } from '../engine/connector';

/** A row the last import could not load, with where and why. */
export interface RejectRow {
  role: 'sales' | 'products';
  line: number;
  /** The canonical field whose value failed (null for rows DuckDB could not split). */
  field: string | null;
  /** The source column DuckDB names for a row it could not split. */
  source_column: string | null;
  value: string | null;
  reason: string;
}

/** The last import's rejects in file order: the first `limit` of them, and how many there are. */
export async function importRejects(db: Connector, limit?: number): Promise<{ rows: RejectRow[]; total: number }> {
  const [count] = await db.query<{ n: number }>('SELECT count(*) AS n FROM rejects');
  const rows = await db.query<RejectRow & Record<string, unknown>>(
    `SELECT role, line, field, source_column, value, reason FROM rejects ORDER BY role DESC, line${limit === undefined ? '' : ' LIMIT ?'}`,
    limit === undefined ? [] : [limit],
  );
  return { rows, total: Number(count?.n ?? 0) };
}
