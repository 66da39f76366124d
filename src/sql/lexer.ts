/**
 * A small SQL lexer for DuckDB's syntax: just enough to split a script into statements and to
 * read their leading keywords without being fooled by quotes or comments. It follows DuckDB's
 * (PostgreSQL's) scanner where they matter for safety: '…' strings with '' inside, E'…' strings
 * with backslash escapes, $$…$$ and $tag$…$tag$ dollar quotes, "…" identifiers, -- line comments
 * and /* block comments *\/ that nest. An unterminated quote or comment runs to the end of the
 * text (DuckDB then refuses the whole script as a syntax error, so nothing after it runs).
 */

/** What a token is. */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'comment' | 'punct' | 'operator';

/** One token: its kind, its text and where it starts and ends in the script (UTF-16 indices). */
export interface Token {
  kind: TokenKind;
  text: string;
  from: number;
  to: number;
}

// Identifier characters as DuckDB's scanner has them (letters, _, any non-ASCII; $ and digits after the first).
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Splits SQL text into tokens; whitespace is dropped, comments are kept (as `comment`). */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, from: number, to: number) =>
    tokens.push({ kind, text: sql.slice(from, to), from, to });
  while (i < n) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const to = end === -1 ? n : end;
      push('comment', i, to);
      i = to;
    } else if (ch === '/' && next === '*') {
      const to = blockCommentEnd(sql, i);
      push('comment', i, to);
      i = to;
    } else if (ch === "'") {
      const to = quotedEnd(sql, i, "'", false);
      push('string', i, to);
      i = to;
    } else if (ch === '"') {
      const to = quotedEnd(sql, i, '"', false);
      push('quoted', i, to);
      i = to;
    } else if (ch === '$' && DOLLAR_TAG.test(sql.slice(i, i + 130))) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 130))![0];
      const close = sql.indexOf(tag, i + tag.length);
      const to = close === -1 ? n : close + tag.length;
      push('string', i, to);
      i = to;
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j]!)) j++;
      // E'…' is a string with backslash escapes; the E must be the whole word, as in DuckDB.
      if (j === i + 1 && (ch === 'E' || ch === 'e') && sql[j] === "'") {
        const to = quotedEnd(sql, j, "'", true);
        push('string', i, to);
        i = to;
      } else {
        push('word', i, j);
        i = j;
      }
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      push('number', i, j);
      i = j;
    } else if ('();,[]{}'.includes(ch)) {
      push('punct', i, i + 1);
      i++;
    } else {
      // Operator characters, one token per run, stopping where a comment starts.
      let j = i + 1;
      while (j < n && /[*+\-/<>=~!@#%^&|`?:.$]/.test(sql[j]!) && !isCommentStart(sql, j)) j++;
      push('operator', i, j);
      i = j;
    }
  }
  return tokens;
}

function isCommentStart(sql: string, i: number): boolean {
  const two = sql.slice(i, i + 2);
  return two === '--' || two === '/*';
}

/** The index after a block comment starting at `from`; comments nest, as in DuckDB. */
function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    const two = sql.slice(i, i + 2);
    if (two === '/*') {
      depth++;
      i += 2;
    } else if (two === '*/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** The index after a quoted run opening at `from`: the quote doubled stands for itself; with `backslash`, \x too. */
function quotedEnd(sql: string, from: number, quote: string, backslash: boolean): number {
  let i = from + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslash && ch === '\\') i += 2;
    else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** One statement of a script: its tokens (comments left out) and its span in the script. */
export interface StatementTokens {
  /** 1-based place in the script, counting only statements that hold something. */
  index: number;
  tokens: Token[];
  from: number;
  to: number;
}

/** Splits a script at its semicolons (outside quotes and comments); empty statements are dropped. */
export function splitStatements(sql: string): StatementTokens[] {
  const statements: StatementTokens[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length === 0) return;
    statements.push({
      index: statements.length + 1,
      tokens: current,
      from: current[0]!.from,
      to: current[current.length - 1]!.to,
    });
    current = [];
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'punct' && token.text === ';') flush();
    else current.push(token);
  }
  flush();
  return statements;
}
