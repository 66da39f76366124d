import type { Connector } from '../engine/connector';
import { profileColumn, type ColumnProfile } from './column-profile';
import type { Dialect } from './dialect';
import { ImportError, isOutOfMemory } from './errors';
import { ident } from './value-sql';

/** Which of the (at most two) files of an import this is. */
export type ImportRole = 'sales' | 'products';

/** A file turned into something DuckDB reads: UTF-8 CSV bytes, or Arrow IPC from a Parquet file. */
export type PreparedSource =
  | { kind: 'csv'; name: string; utf8: Uint8Array; encoding: string; dialect: Dialect; blankLines?: number[] }
  | { kind: 'arrow'; name: string; ipc: Uint8Array };

/** A file read into its raw table (`import_raw_<role>`, every column text), ready to map. */
export interface StagedFile {
  role: ImportRole;
  /** Names this attempt's tables (`import_raw_<tag>`…), so a later attempt cannot overwrite them. */
  tag: string;
  name: string;
  kind: PreparedSource['kind'];
  encoding?: string;
  dialect?: Dialect;
  table: string;
  columns: ColumnProfile[];
  rows: number;
  /** Rows DuckDB's reader could not split into the header's columns (kept in `import_struct_<role>`). */
  structuralRejects: number;
  /** SQL for a row's 1-based position in the file (DuckDB's rowid keeps insertion order). */
  rowSql: string;
  /** Line of the first data row minus one: header and skipped lines. */
  lineOffset: number;
  /** The first rows as read, for the mapping step. */
  preview: (string | null)[][];
}

/** SQL for a row's 1-based position in the file, for rows of the staged table under `alias`. */
export function rowOf(staged: Pick<StagedFile, 'rowSql'>, alias: string): string {
  return staged.rowSql === 'rowid + 1' ? `${alias}.rowid + 1` : `${alias}.${staged.rowSql}`;
}

/** Fixed internal names: a user's file name never reaches SQL text. */
export const rawTable = (tag: string) => `import_raw_${tag}`;
export const structTable = (tag: string) => `import_struct_${tag}`;
export const multilineTable = (tag: string) => `import_multiline_${tag}`;
const fileName = (tag: string) => `tillsight_import_${tag}.csv`;
const SAMPLE_ROWS = 3000;
const PREVIEW_ROWS = 8;

async function readCsv(db: Connector, tag: string, source: Extract<PreparedSource, { kind: 'csv' }>): Promise<void> {
  const { delimiter, header, skip } = source.dialect;
  const delim = delimiter === '\t' ? '\\t' : delimiter;
  await db.query(`DROP TABLE IF EXISTS import_csv_rejects_${tag}; DROP TABLE IF EXISTS import_csv_scans_${tag};`);
  await db.registerFile(fileName(tag), source.utf8);
  try {
    // Every column as text: types are decided from all rows later, so a value that does not
    // fit (past any sample the sniffer would read) is reported instead of dropped or coerced.
    await db.query(
      `CREATE OR REPLACE TABLE ${rawTable(tag)} AS
       SELECT *
       FROM read_csv('${fileName(tag)}', all_varchar = true, header = ${header}, delim = '${delim}',
                     quote = '"', escape = '"', skip = ${skip}, store_rejects = true,
                     rejects_table = 'import_csv_rejects_${tag}', rejects_scan = 'import_csv_scans_${tag}',
                     max_line_size = 10000000)`,
    );
    // Empty lines join the rows DuckDB rejected: neither yields a row, and both shift the line
    // numbers of the rows after them. (Integers computed here, not user text.)
    const blanks = (source.blankLines ?? []).map((l) => `(${Math.trunc(l)})`);
    const blankRows =
      blanks.length > 0
        ? `UNION ALL SELECT b.line, NULL, NULL, NULL, NULL, true FROM (VALUES ${blanks.join(', ')}) b(line)`
        : '';
    await db.query(
      `CREATE OR REPLACE TABLE ${structTable(tag)} AS
       SELECT line, row_number() OVER (ORDER BY line) AS rank, column_name, csv_line, error_type, error_message, blank
       FROM (SELECT line, column_name, csv_line, error_type, error_message, false AS blank FROM import_csv_rejects_${tag} ${blankRows})`,
    );
  } finally {
    await db.dropFile(fileName(tag));
  }
}

async function readArrow(
  db: Connector,
  tag: string,
  source: Extract<PreparedSource, { kind: 'arrow' }>,
): Promise<void> {
  const src = `import_src_${tag}`;
  await db.query(`DROP TABLE IF EXISTS ${src}`);
  await db.insertArrowIpc(src, source.ipc);
  // Text like a CSV's columns, so one conversion path serves both formats.
  await db.query(
    `CREATE OR REPLACE TABLE ${rawTable(tag)} AS SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${src};
     DROP TABLE ${src};
     CREATE OR REPLACE TABLE ${structTable(tag)} (line BIGINT, rank BIGINT, column_name VARCHAR, csv_line VARCHAR, error_type VARCHAR, error_message VARCHAR, blank BOOLEAN);`,
  );
}

function engineFailure(err: unknown, name: string): ImportError {
  if (err instanceof ImportError) return err;
  if (isOutOfMemory(err)) {
    return new ImportError(
      'out-of-memory',
      name,
      `${name} is too big for the memory this browser gives the page. Import a shorter period, or fewer columns.`,
      { cause: err },
    );
  }
  const detail = err instanceof Error ? err.message.replace(/^Query failed: /, '') : String(err);
  if (/not possible to automatically detect|unterminated quote|quote.*never closed/i.test(detail)) {
    return new ImportError(
      'unreadable',
      name,
      `${name} could not be split into rows: a quoted value seems never to be closed (a " without its partner). Open the file in a spreadsheet and save it again as CSV.`,
      { cause: err },
    );
  }
  return new ImportError('unreadable', name, `${name} could not be read as a table: ${detail.split('\n')[0]}`, {
    cause: err,
  });
}

/**
 * Rows whose quoted values hold line breaks, with how many: DuckDB counts records, and a
 * reject's line number should be the line a text editor shows.
 */
async function recordMultilineRows(db: Connector, tag: string, names: string[], rowSql: string): Promise<void> {
  if (names.length === 0) {
    await db.query(`CREATE OR REPLACE TABLE ${multilineTable(tag)} (__row BIGINT, extra BIGINT)`);
    return;
  }
  const any = names.map((n) => `contains(${ident(n)}, chr(10))`).join(' OR ');
  const extra = names
    .map((n) => `coalesce(length(${ident(n)}) - length(replace(${ident(n)}, chr(10), '')), 0)`)
    .join(' + ');
  await db.query(
    `CREATE OR REPLACE TABLE ${multilineTable(tag)} AS SELECT ${rowSql} AS __row, ${extra} AS extra FROM ${rawTable(tag)} WHERE ${any}`,
  );
}

/** Reads a prepared file into its raw table and profiles its columns from a sample. */
export async function stageFile(
  db: Connector,
  role: ImportRole,
  source: PreparedSource,
  tag: string = role,
): Promise<StagedFile> {
  if (!/^[a-z0-9_]+$/.test(tag)) throw new Error(`Bad staging tag ${tag}`);
  // Without a double quote anywhere no value can hold a line break, and the scan for them is
  // skipped. Checked first: registering the bytes with DuckDB hands them to its worker.
  const quoted = source.kind === 'csv' && source.utf8.includes(0x22);
  try {
    if (source.kind === 'csv') await readCsv(db, tag, source);
    else await readArrow(db, tag, source);
  } catch (err) {
    throw engineFailure(err, source.name);
  }
  const table = rawTable(tag);
  const described = await db.query<{ column_name: string }>(`DESCRIBE ${table}`);
  let names = described.map((d) => d.column_name);
  let rowSql = 'rowid + 1';
  if (names.some((n) => n.toLowerCase() === 'rowid')) {
    // A column named rowid hides DuckDB's own: number the rows instead (slower, so only then).
    await db.query(
      `CREATE OR REPLACE TABLE ${table} AS SELECT row_number() OVER () AS __tillsight_row, * FROM ${table}`,
    );
    rowSql = '__tillsight_row';
  }
  names = names.filter((n) => n !== '__tillsight_row');
  await recordMultilineRows(db, tag, quoted ? names : [], rowSql);
  const [counts] = await db.query<{ rows: number; struct: number }>(
    `SELECT (SELECT count(*) FROM ${table}) AS rows, (SELECT count(*) FROM ${structTable(tag)} WHERE NOT blank) AS struct`,
  );
  const rows = Number(counts?.rows ?? 0);
  const structuralRejects = Number(counts?.struct ?? 0);
  if (rows === 0 && structuralRejects === 0) {
    throw new ImportError(
      'header-only',
      source.name,
      `${source.name} has a header (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}) but no rows of data.`,
    );
  }
  const selectText = names.map((n) => `${ident(n)}::VARCHAR AS ${ident(n)}`).join(', ');
  // A fixed seed: the same file always gets the same proposal.
  const sample = await db.queryColumns(
    `SELECT ${selectText} FROM (SELECT * FROM ${table} USING SAMPLE reservoir(${SAMPLE_ROWS} ROWS) REPEATABLE (7))`,
  );
  const previewRows = await db.query(`SELECT ${selectText} FROM ${table} ORDER BY ${rowSql} LIMIT ${PREVIEW_ROWS}`);
  const values = (n: string) => Array.from(sample[n] ?? [], (v) => (v == null ? null : String(v)));
  let columns = names.map((n) =>
    profileColumn(n, values(n), source.kind === 'csv' && source.dialect.delimiter === ';'),
  );
  // A column of "1.000" or "1,234" cannot say which mark is decimal; the rest of the file can
  // (a German tab file writes "1.234" for a thousand and "2,50" for two and a half).
  const commaVotes = columns.reduce((sum, c) => sum + c.votes[','], 0);
  const dotVotes = columns.reduce((sum, c) => sum + c.votes['.'], 0);
  if (commaVotes > dotVotes) columns = names.map((n) => profileColumn(n, values(n), true));
  const lineOffset = source.kind === 'csv' ? source.dialect.skip + (source.dialect.header ? 1 : 0) : 0;
  return {
    role,
    tag,
    name: source.name,
    kind: source.kind,
    encoding: source.kind === 'csv' ? source.encoding : undefined,
    dialect: source.kind === 'csv' ? source.dialect : undefined,
    table,
    columns,
    rows,
    structuralRejects,
    rowSql,
    lineOffset,
    preview: previewRows.map((r) => names.map((n) => (r[n] == null ? null : String(r[n])))),
  };
}

/** Drops a staged file's tables (an attempt that was replaced or abandoned). */
export async function dropStaged(db: Connector, staged: Pick<StagedFile, 'tag'>): Promise<void> {
  const t = staged.tag;
  await db.query(
    [rawTable(t), structTable(t), multilineTable(t), `import_csv_rejects_${t}`, `import_csv_scans_${t}`]
      .map((n) => `DROP TABLE IF EXISTS ${n};`)
      .join('\n'),
  );
}
