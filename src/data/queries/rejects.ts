import type { Connector } from '../engine/connector';
import { statement, type CountSqlRow, type Statement } from './statement';

/** A row the last import could not load, with where and why. */
export interface RejectRow extends Record<string, unknown> {
  role: 'sales' | 'products';
  line: number;
  /** The canonical field whose value failed (null for rows DuckDB could not split). */
  field: string | null;
  /** The source column DuckDB names for a row it could not split. */
  source_column: string | null;
  value: string | null;
  reason: string;
}

/** The SQL behind {@link importRejects}' rows: the rejects in file order, the first `limit` of them. */
export function importRejectsSql(limit?: number): Statement {
  return statement(
    `SELECT role, line, field, source_column, value, reason FROM rejects ORDER BY role DESC, line${limit === undefined ? '' : ' LIMIT ?'}`,
    limit === undefined ? [] : [limit],
  );
}

/** The SQL behind {@link importRejects}' total: how many rejects the last import left. */
export function importRejectsCountSql(): Statement {
  return statement('SELECT count(*) AS n FROM rejects');
}

/** Some of the last import's rejects, and how many there are in all. */
export interface ImportRejects {
  rows: RejectRow[];
  total: number;
}

/** The last import's rejects in file order: the first `limit` of them, and how many there are. */
export async function importRejects(db: Connector, limit?: number): Promise<ImportRejects> {
  const count = importRejectsCountSql();
  const [counted] = await db.query<CountSqlRow>(count.sql, count.params);
  const { sql, params } = importRejectsSql(limit);
  const rows = await db.query<RejectRow>(sql, params);
  return { rows, total: Number(counted?.n ?? 0) };
}
