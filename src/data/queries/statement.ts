import type { SqlParam } from '../engine/connector';

/** One SQL statement with its positional `?` parameters: what a query module runs. */
export interface Statement {
  sql: string;
  params: readonly SqlParam[];
}

/** The row of a statement that counts: `SELECT count(*) AS n …`. */
export interface CountSqlRow extends Record<string, unknown> {
  n: number;
}

/** A statement whose SQL is tidied ({@link tidySql}), so it reads well wherever it is shown. */
export function statement(sql: string, params: readonly SqlParam[] = []): Statement {
  return { sql: tidySql(sql), params };
}

// What a `?` may sit inside without being a placeholder: a string literal, a quoted
// identifier, a line or block comment. Matched in one pass so each hides the others.
const NOT_PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//y;

/**
 * A parameter written as a SQL literal: text quoted (quotes doubled), numbers as written, null as NULL.
 * DuckDB-WASM binds every number as DOUBLE, while the literal `10` reads as INTEGER and `2.5` as
 * DECIMAL: the same value, and the same result wherever it meets a column, a cast or a LIMIT.
 */
export function sqlLiteral(value: SqlParam): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`A parameter is not a finite number (${value}).`);
    // Parentheses keep a minus from joining one before it (`x -?` would read `x --5`, a comment).
    return value < 0 ? `(${String(value)})` : String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The statement as one runnable SQL text, each `?` replaced by its parameter as a literal:
 * what "view SQL" opens in the console. Placeholders inside quotes or comments are left be.
 *
 * @example
 * inlineParams({ sql: 'SELECT * FROM sales s WHERE s.region IN (?, ?)', params: ['North', "O'Hara"] });
 * // SELECT * FROM sales s WHERE s.region IN ('North', 'O''Hara')
 */
export function inlineParams(statement: Statement): string {
  // Tidied before the values go in: a value spanning lines must keep its own spaces.
  const sql = tidySql(statement.sql);
  const { params } = statement;
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length;) {
    NOT_PLACEHOLDER.lastIndex = i;
    const skipped = NOT_PLACEHOLDER.exec(sql);
    if (skipped) {
      out += skipped[0];
      i += skipped[0].length;
      continue;
    }
    const ch = sql[i]!;
    if (ch === '?') {
      if (next >= params.length) throw new Error(`The SQL has more placeholders than its ${params.length} parameters.`);
      out += sqlLiteral(params[next++]!);
    } else out += ch;
    i++;
  }
  if (next !== params.length)
    throw new Error(`The SQL has ${next} placeholders but ${params.length} parameters were given.`);
  return out;
}

/** A multi-line SQL fragment indented to sit at `spaces` inside a larger statement (its first line stays put). */
export function indentSql(fragment: string, spaces: number): string {
  return fragment.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

/** Query-module SQL is indented to suit its source file: drop the common indent and blank ends. */
export function tidySql(sql: string): string {
  const lines = sql.replace(/\s+$/, '').split('\n');
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
