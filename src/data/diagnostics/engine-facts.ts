import type { Connector } from '../engine/connector';

/** What DuckDB says about itself. */
export interface EngineFacts {
  /** DuckDB's library version, e.g. "v1.4.3". */
  version: string;
  /** The source revision it was built from. */
  sourceId: string;
  /** Memory DuckDB holds and may hold, as it words them ("10.0 MiB"). */
  memoryUsage: string;
  memoryLimit: string;
  threads: number;
}

/** One table of the database: its size in rows (exact for the dataset's own tables) and columns. */
export interface TableFact {
  name: string;
  rows: number;
  /** False when `rows` is DuckDB's estimate (tables other than sales, products and rejects). */
  exact: boolean;
  columns: number;
}

/** The tables every loaded dataset has, counted exactly. */
const DATASET_TABLES = ['sales', 'products', 'rejects'] as const;

/** DuckDB's version, memory and threads, in one round trip. */
export async function engineFacts(db: Connector): Promise<EngineFacts> {
  const [row] = await db.query<{
    version: string;
    source_id: string;
    memory_usage: string;
    memory_limit: string;
    threads: number;
  }>(
    `SELECT version() AS version, v.source_id, d.memory_usage, d.memory_limit,
            CAST(current_setting('threads') AS INTEGER) AS threads
     FROM pragma_version() v, pragma_database_size() d
     WHERE d.database_name = current_database()`,
  );
  return {
    version: row?.version ?? '',
    sourceId: row?.source_id ?? '',
    memoryUsage: row?.memory_usage ?? '',
    memoryLimit: row?.memory_limit ?? '',
    threads: row?.threads ?? 0,
  };
}

/** The database's tables, largest first: exact row counts for the dataset's tables, DuckDB's estimate for the rest. */
export async function tableFacts(db: Connector): Promise<TableFact[]> {
  const tables = await db.query<{ name: string; estimated_rows: number; columns: number }>(
    `SELECT table_name AS name, estimated_size AS estimated_rows, column_count AS columns
     FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`,
  );
  const present = DATASET_TABLES.filter((t) => tables.some((x) => x.name === t));
  // Fixed names from the list above: no user text reaches this SQL.
  const counts = present.length
    ? await db.query<{ name: string; n: number }>(
        present.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM ${t}`).join(' UNION ALL '),
      )
    : [];
  const exact = new Map(counts.map((c) => [c.name, c.n]));
  return tables
    .map((t) => ({
      name: t.name,
      rows: exact.get(t.name) ?? t.estimated_rows,
      exact: exact.has(t.name),
      columns: t.columns,
    }))
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}
