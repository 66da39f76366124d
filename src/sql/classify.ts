import { normalizeSql, splitStatements, type StatementTokens, type Token } from './lexer';

/**
 * The console's first layer: a script runs only if every statement in it reads the loaded
 * tables. It is an allowlist: a statement must start with a reading keyword (SELECT, WITH …
 * SELECT, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN of a query, PRAGMA
 * table_info and the like); everything else, known write or unknown word, is refused. A
 * statement that passes is refused too when it calls a function that reads files or web
 * addresses (read_csv, read_text, glob, query…) or holds a string or quoted name with "://" in
 * it (`FROM 'https://…'`), so a shared link cannot make the app contact another host.
 *
 * What this layer guarantees rests on its lexer agreeing with DuckDB on where statements,
 * quotes and comments start and end; the caller must classify and run the same normalised text
 * (`normalizeSql`). It does not look inside expressions for every way to compute a URL. The
 * session adds two more layers (see `sql-session.ts`): each statement is prepared on its own
 * to check that DuckDB sees the same statements, and the script runs in a READ ONLY
 * transaction, so a write that got past both fails in DuckDB.
 */

/** Why a script was refused: which statement, what it is, and where its keyword is (for the editor). */
export interface Refusal {
  /** 1-based statement number. */
  statement: number;
  /** The statement's kind in capitals, e.g. "INSERT", "DROP TABLE", "EXPLAIN ANALYZE of a DELETE"; for an unknown statement, its first word as written. */
  what: string;
  /** The table or object it targets, when it names one, e.g. "sales". */
  target?: string;
  /** What the statement would do, in words, e.g. "adds rows"; absent for a statement the console does not know. */
  effect?: string;
  /** Set when the statement reads but reaches outside the loaded tables: a file or URL reader (`what` is its name), or an address in a string (`what` is the string). */
  outside?: 'function' | 'address';
  /** Where the refused keyword starts and ends in the script (UTF-16 indices). */
  from: number;
  to: number;
}

/** The verdict on a script: its statement count, and the first refusal if any. */
export type Classification =
  | { ok: true; statements: number }
  | { ok: false; statements: number; refusal: Refusal }
  | { ok: false; statements: 0; refusal?: undefined };

/** Statement keywords that only read. */
const READS = new Set([
  'SELECT',
  'FROM',
  'VALUES',
  'TABLE',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
  'PIVOT',
  'UNPIVOT',
  'PIVOT_WIDER',
  'PIVOT_LONGER',
]);

/** PRAGMAs that only report (anything else, such as `PRAGMA memory_limit = …`, changes a setting). */
const READING_PRAGMAS = new Set([
  'table_info',
  'show_tables',
  'show_tables_expanded',
  'show_databases',
  'database_list',
  'database_size',
  'storage_info',
  'metadata_info',
  'version',
  'platform',
  'functions',
  'collations',
  'show',
  'user_agent',
]);

/** What refused statements would do, by keyword, for the message. */
const EFFECTS: Record<string, string> = {
  INSERT: 'adds rows',
  UPDATE: 'changes rows',
  DELETE: 'removes rows',
  MERGE: 'changes rows',
  UPSERT: 'changes rows',
  TRUNCATE: 'removes every row',
  CREATE: 'creates a database object',
  DROP: 'drops a database object',
  ALTER: 'changes a table',
  COMMENT: 'changes a comment on a database object',
  COPY: 'copies data to or from a file',
  EXPORT: 'writes the database out to files',
  IMPORT: 'loads a database from files',
  ATTACH: 'attaches a database',
  DETACH: 'detaches a database',
  USE: 'changes the default database',
  INSTALL: 'installs an extension',
  LOAD: 'loads an extension',
  FORCE: 'installs an extension',
  SET: 'changes a setting',
  RESET: 'changes a setting',
  PRAGMA: 'changes a setting or runs a command',
  CHECKPOINT: 'writes the database to storage',
  VACUUM: 'rewrites storage',
  ANALYZE: 'updates table statistics',
  BEGIN: 'controls the transaction',
  START: 'controls the transaction',
  COMMIT: 'controls the transaction',
  END: 'controls the transaction',
  ROLLBACK: 'controls the transaction',
  ABORT: 'controls the transaction',
  CALL: 'calls a procedure',
  PREPARE: 'prepares a statement to run later',
  EXECUTE: 'runs a prepared statement',
  DEALLOCATE: 'drops a prepared statement',
};

/** Keywords that may follow EXPLAIN without ANALYZE: it plans them and runs nothing. */
const EXPLAINABLE_WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

const upper = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : '');

/** Reads every statement of `sql` and says whether the console may run it. */
export function classifyScript(sql: string): Classification {
  // Normalising is idempotent and keeps offsets: the session normalises first, this is for other callers.
  const statements = splitStatements(normalizeSql(sql));
  if (statements.length === 0) return { ok: false, statements: 0 };
  for (const statement of statements) {
    const refusal = classifyStatement(statement);
    if (refusal) return { ok: false, statements: statements.length, refusal };
  }
  return { ok: true, statements: statements.length };
}

/** The refusal for one statement, or undefined when it only reads. */
function classifyStatement(statement: StatementTokens): Refusal | undefined {
  const tokens = statement.tokens;
  const start = skipOpenParens(tokens, 0);
  return classifyFrom(statement.index, tokens, start) ?? outsideReads(statement.index, tokens);
}

/**
 * Table functions that read files or web addresses (from `duckdb_functions()` of DuckDB 1.4
 * and its autoloadable extensions), or run SQL text (query, query_table), or write
 * (checkpoint) or change logging. Any name starting with `read_` is refused as well.
 */
const OUTSIDE_READERS = new Set([
  'read_text',
  'read_blob',
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'glob',
  'query',
  'query_table',
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'parquet_bloom_probe',
  'read_json',
  'read_json_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_ndjson_objects',
  'json_execute_serialized_sql',
  'iceberg_scan',
  'iceberg_metadata',
  'iceberg_snapshots',
  'delta_scan',
  'st_read',
  'st_read_meta',
  'read_xlsx',
  'arrow_scan',
  'arrow_scan_dumb',
  'checkpoint',
  'force_checkpoint',
  'enable_logging',
  'disable_logging',
  'truncate_duckdb_logs',
]);

/** A name token's name: lower case, quotes taken off. */
function plainName(t: Token): string {
  return (t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text).toLowerCase();
}

/** The text an E'…' string stands for (its backslash escapes decoded). */
function escapedText(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[^])/g, (_m, e: string) => {
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16) || 0);
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return e;
  });
}

/** The text a U&'…' string or U&"…" name stands for (its \XXXX and \+XXXXXX escapes decoded). */
function unicodeText(body: string): string {
  return body.replace(/\\(\+[0-9a-fA-F]{6}|[0-9a-fA-F]{4})/g, (_m, e: string) =>
    String.fromCodePoint(parseInt(e.replace('+', ''), 16) || 0),
  );
}

/**
 * Text DuckDB-WASM would fetch or resolve as an address: anything with a scheme ("s3://"), and
 * anything starting "http:" or "https:" however its slashes are written (its worker fetches any
 * path starting with "http", and the browser reads "https:/\\host" as "https://host").
 */
const isAddress = (text: string) => text.includes('://') || /^\s*https?:/i.test(text);

/** Whether a quoted string or name stands for a URL or a path with a scheme. */
function looksLikeAddress(tokens: readonly Token[], i: number, customEscape: boolean): boolean {
  const t = tokens[i]!;
  const body = t.text.startsWith('$') ? t.text.replace(/^\$[^$]*\$|\$[^$]*\$$/g, '') : t.text.slice(1, -1);
  if (isAddress(t.text) || isAddress(body)) return true;
  if (/^[eE]'/.test(t.text)) return isAddress(escapedText(t.text.slice(2, -1)));
  if (tokens[i - 1]?.text === '&' && /^[uU]$/.test(tokens[i - 2]?.text ?? '')) {
    // With UESCAPE the escape character is the user's: any U& text might spell an address.
    return customEscape || isAddress(unicodeText(t.text.slice(1, -1)));
  }
  return false;
}

/** The refusal for a reading statement that reaches outside the loaded tables, if it does. */
function outsideReads(index: number, tokens: readonly Token[]): Refusal | undefined {
  const customEscape = tokens.some((t) => upper(t) === 'UESCAPE');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' || t.kind === 'quoted') {
      const name = plainName(t);
      const call = isOpen(tokens[i + 1]);
      if (call && (OUTSIDE_READERS.has(name) || name.startsWith('read_'))) {
        return { statement: index, what: name, outside: 'function', from: t.from, to: t.to };
      }
    }
    if ((t.kind === 'string' || t.kind === 'quoted') && looksLikeAddress(tokens, i, customEscape)) {
      return { statement: index, what: t.text.slice(0, 60), outside: 'address', from: t.from, to: t.to };
    }
  }
  return undefined;
}

function skipOpenParens(tokens: readonly Token[], i: number): number {
  while (tokens[i]?.kind === 'punct' && tokens[i]?.text === '(') i++;
  return i;
}

/** Classifies the statement whose first keyword is `tokens[at]`. */
function classifyFrom(index: number, tokens: readonly Token[], at: number): Refusal | undefined {
  const first = tokens[at];
  if (!first) return undefined; // only parentheses: DuckDB reports the syntax error
  const keyword = upper(first);
  if (READS.has(keyword)) return undefined;
  if (keyword === 'WITH') return classifyWith(index, tokens, at);
  if (keyword === 'EXPLAIN') return classifyExplain(index, tokens, at);
  if (keyword === 'PRAGMA') {
    const name = tokens[at + 1];
    const after = tokens[at + 2];
    const assigns = after?.kind === 'operator' && after.text === '=';
    if (name?.kind === 'word' && READING_PRAGMAS.has(name.text.toLowerCase()) && !assigns) return undefined;
    return {
      statement: index,
      what: 'PRAGMA',
      ...nameOf(name),
      effect: EFFECTS.PRAGMA,
      from: first.from,
      to: first.to,
    };
  }
  const effect = EFFECTS[keyword];
  if (!effect) {
    // Unknown: a typo, or a statement this list does not know. Either way it is not run.
    return { statement: index, what: first.text.slice(0, 40), from: first.from, to: first.to };
  }
  const { what, target } = describe(keyword, tokens, at);
  return { statement: index, what, ...(target ? { target } : {}), effect, from: first.from, to: first.to };
}

function nameOf(token: Token | undefined): { target?: string } {
  return token?.kind === 'word' || token?.kind === 'quoted' ? { target: token.text } : {};
}

/** A refused statement's kind ("DROP TABLE") and the object it names ("sales"), for the message. */
function describe(keyword: string, tokens: readonly Token[], at: number): { what: string; target?: string } {
  let i = at + 1;
  const word = () => upper(tokens[i]);
  const skip = (...words: string[]) => {
    while (words.includes(word())) i++;
  };
  let what = keyword;
  switch (keyword) {
    case 'INSERT':
      skip('OR', 'REPLACE', 'IGNORE', 'INTO');
      break;
    case 'DELETE':
      skip('FROM');
      break;
    case 'TRUNCATE':
      skip('TABLE');
      break;
    case 'MERGE':
      skip('INTO');
      break;
    case 'UPDATE':
    case 'COPY':
    case 'ATTACH':
    case 'DETACH':
    case 'USE':
    case 'INSTALL':
    case 'LOAD':
      skip('DATABASE');
      break;
    case 'SET':
    case 'RESET':
      skip('GLOBAL', 'SESSION', 'LOCAL', 'VARIABLE');
      break;
    case 'DROP':
    case 'ALTER':
    case 'CREATE': {
      skip('OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'PERSISTENT', 'UNIQUE');
      // The object kind: TABLE, VIEW, SCHEMA, MACRO, INDEX, SEQUENCE, TYPE, SECRET…
      const kind = word();
      if (kind && kind !== 'IF') {
        what = `${keyword} ${kind}`;
        i++;
      }
      skip('IF', 'NOT', 'EXISTS');
      break;
    }
    default:
      return { what };
  }
  const target = qualifiedName(tokens, i);
  return target ? { what, target } : { what };
}

/** A possibly qualified name starting at `tokens[i]`, e.g. `main.sales` or `"My table"`, as written. */
function qualifiedName(tokens: readonly Token[], i: number): string | undefined {
  const parts: string[] = [];
  while (tokens[i]?.kind === 'word' || tokens[i]?.kind === 'quoted') {
    parts.push(tokens[i]!.text);
    if (tokens[i + 1]?.kind === 'operator' && tokens[i + 1]?.text === '.') i += 2;
    else break;
  }
  return parts.length ? parts.join('.') : undefined;
}

/**
 * `WITH [RECURSIVE] name [(cols)] [USING KEY (…)] AS [[NOT] MATERIALIZED] (…) [, …] main`:
 * the CTE bodies sit in parentheses; the main statement decides.
 */
function classifyWith(index: number, tokens: readonly Token[], at: number): Refusal | undefined {
  let i = at + 1;
  if (upper(tokens[i]) === 'RECURSIVE') i++;
  const unreadable = (): Refusal => ({
    statement: index,
    what: 'WITH statement',
    effect: 'has no main statement the console could find',
    from: tokens[at]!.from,
    to: tokens[at]!.to,
  });
  for (;;) {
    // The CTE's name.
    if (tokens[i]?.kind !== 'word' && tokens[i]?.kind !== 'quoted') return unreadable();
    i++;
    if (isOpen(tokens[i])) i = closeOf(tokens, i);
    if (upper(tokens[i]) === 'USING' && upper(tokens[i + 1]) === 'KEY') {
      i += 2;
      if (isOpen(tokens[i])) i = closeOf(tokens, i);
    }
    if (upper(tokens[i]) !== 'AS') return unreadable();
    i++;
    if (upper(tokens[i]) === 'NOT') i++;
    if (upper(tokens[i]) === 'MATERIALIZED') i++;
    if (!isOpen(tokens[i])) return unreadable();
    // A data-modifying CTE body (DuckDB refuses them today; this stays safe if that changes).
    const body = classifyFrom(index, tokens, skipOpenParens(tokens, i));
    if (body) return body;
    i = closeOf(tokens, i);
    if (tokens[i]?.kind === 'punct' && tokens[i]?.text === ',') {
      i++;
      continue;
    }
    break;
  }
  if (!tokens[i]) return unreadable();
  return classifyFrom(index, tokens, skipOpenParens(tokens, i));
}

/** EXPLAIN [ANALYZE] [(options)] statement: ANALYZE runs the statement, so it must read; plain EXPLAIN only plans. */
function classifyExplain(index: number, tokens: readonly Token[], at: number): Refusal | undefined {
  let i = at + 1;
  let analyze = false;
  if (upper(tokens[i]) === 'ANALYZE' || upper(tokens[i]) === 'ANALYSE') {
    analyze = true;
    i++;
  }
  if (isOpen(tokens[i])) {
    // Options such as (FORMAT json) or (ANALYZE): look for ANALYZE among them.
    const close = closeOf(tokens, i);
    if (tokens.slice(i, close).some((t) => upper(t) === 'ANALYZE' || upper(t) === 'ANALYSE')) analyze = true;
    i = close;
  }
  const innerAt = skipOpenParens(tokens, i);
  const inner = classifyFrom(index, tokens, innerAt);
  // Reads pass; an unknown statement is refused as itself.
  if (!inner?.effect) return inner;
  if (!analyze && EXPLAINABLE_WRITES.has(upper(tokens[innerAt]))) return undefined;
  const explain = tokens[at]!;
  return {
    ...inner,
    what: `${analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN'} of ${withArticle(inner.what)}`,
    effect: analyze ? `would run it, and it ${inner.effect}` : inner.effect,
    from: explain.from,
    to: inner.to,
  };
}

function isOpen(t: Token | undefined): boolean {
  return t?.kind === 'punct' && t.text === '(';
}

/** The index after the parenthesis that closes the one at `tokens[open]` (or the end). */
function closeOf(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return tokens.length;
}

/** "an INSERT", "a DELETE", "a USE". */
export function withArticle(what: string): string {
  const vowel = /^[AEIO]/i.test(what) || (/^U/i.test(what) && !/^US/i.test(what));
  return `${vowel ? 'an' : 'a'} ${what}`;
}

/** The word that reads naturally before a refused statement's target: "into sales", "from sales", "DROP TABLE sales". */
function preposition(what: string): string {
  const verb = what.replace(/^EXPLAIN (ANALYZE )?of an? /, '').split(' ')[0] ?? '';
  if (verb === 'INSERT' || verb === 'MERGE') return ' into';
  if (verb === 'DELETE') return ' from';
  if (verb === 'UPDATE' || verb === 'TRUNCATE' || verb === 'COPY') return ' of';
  return '';
}

/** What the console runs, for the message about a statement it does not know. */
const RUNS =
  'SELECT, WITH … SELECT, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN and PRAGMAs that report, such as table_info';

/** Lists names as "sales", "sales and products", "sales, products and rejects". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The message for a refused script, naming what was refused and what stays safe, e.g.
 * "The console is read-only: statement 1 is an INSERT into sales (it adds rows). Your imported
 * data in sales and products cannot be changed from here."
 */
export function refusalMessage(refusal: Refusal, tables: readonly string[] = ['sales', 'products']): string {
  if (refusal.outside) {
    const reads = tables.length ? `the loaded tables (${listNames(tables)})` : 'the loaded tables';
    const what =
      refusal.outside === 'function'
        ? `statement ${refusal.statement} calls ${refusal.what}(), which reads files or web addresses`
        : `statement ${refusal.statement} names ${refusal.what}, which looks like a file or web address`;
    return `The console reads only ${reads}: ${what}. To add data from a file or a URL, use the Data page.`;
  }
  const data = tables.length ? `Your imported data in ${listNames(tables)} cannot` : 'Your data cannot';
  const statement = refusal.effect
    ? `statement ${refusal.statement} is ${withArticle(refusal.what)}${refusal.target ? `${preposition(refusal.what)} ${refusal.target}` : ''} (it ${refusal.effect})`
    : `statement ${refusal.statement} starts with “${refusal.what}”, which is not a query that reads (the console runs ${RUNS})`;
  return `The console is read-only: ${statement}. ${data} be changed from here.`;
}

/** The message when a script holds no statement at all (only comments or blanks). */
export const NOTHING_TO_RUN = 'There is nothing to run: the editor holds no SQL statement, only comments or blanks.';
