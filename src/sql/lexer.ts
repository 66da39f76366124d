/**
 * A small SQL lexer for DuckDB's syntax: just enough to split a script into statements and to
 * read their leading keywords without being fooled by quotes or comments. It follows DuckDB's
 * (PostgreSQL's) scanner where they matter for safety: '…' strings with '' inside, E'…' strings
 * with backslash escapes, $$…$$ and $tag$…$tag$ dollar quotes, "…" identifiers, -- line comments
 * (ended by \n or \r) and /* block comments *\/ that nest. An unterminated quote or comment runs
 * to the end of the text (DuckDB then refuses the whole script as a syntax error, so nothing
 * after it runs).
 *
 * Whitespace is exactly DuckDB's: space, tab, \n, \r and form feed. Every other character below
 * U+0080 is code, every character from U+0080 up is an identifier character, as in DuckDB's
 * scanner. DuckDB itself also drops some Unicode spaces (U+00A0, U+200B, U+3000…) before it
 * scans, and keeps others (U+2028, U+1680…) as identifier characters, so a lexer can only agree
 * with it on text that holds none of them: `normalizeSql` replaces them all with ASCII spaces,
 * and the console classifies and runs that normalised text, never the raw one.
 */

/**
 * Characters replaced by an ASCII space before a script is classified and run: every Unicode
 * space separator (Zs), format character (Cf: zero-width spaces and joiners, BOM, bidi marks…),
 * line and paragraph separator, U+0085 and U+180E, and the control characters DuckDB does not
 * read as whitespace (all of C0 but tab, \n, \r and form feed, DEL and C1). Text inside quotes
 * changes too; that is the price of both readers seeing the same script.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must become spaces
const UNSAFE_SPACE = /[\p{Zs}\p{Cf}\p{Zl}\p{Zp}\u0085\u180e\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/gu;

/**
 * The script as the console classifies and runs it: `UNSAFE_SPACE` characters become ASCII
 * spaces (as many as the character's UTF-16 length, so every offset into the text stays valid).
 */
export function normalizeSql(sql: string): string {
  return sql.replace(UNSAFE_SPACE, (ch) => ' '.repeat(ch.length));
}

/** DuckDB's whitespace (PostgreSQL's scanner: space, tab, newline, carriage return, form feed). */
const SPACE = /[ \t\n\r\f]/;

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
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      // A line comment ends at \n or \r, as in DuckDB.
      let to = i + 2;
      while (to < n && sql[to] !== '\n' && sql[to] !== '\r') to++;
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
      const j = numberEnd(sql, i);
      push('number', i, j);
      i = j;
    } else if ('();,[]{}'.includes(ch)) {
      push('punct', i, i + 1);
      i++;
    } else {
      // Operator characters, one token per run, stopping where a comment starts. The run holds
      // only DuckDB's operator characters: with `$` in it, `||$a$'…` hid a dollar-quoted string.
      let j = i + 1;
      while (j < n && /[~!@#^&|`?+\-*/%<>=]/.test(sql[j]!) && !isCommentStart(sql, j)) j++;
      push('operator', i, j);
      i = j;
    }
  }
  return tokens;
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * The index after a number starting at `from`: digits (with single _ between them), an optional
 * fraction and an exponent only when digits follow the E. It stops at anything else, a letter
 * included, as DuckDB's scanner does: `1E'x'` is 1 then the string E'x', `1a$x$` is 1 then the
 * identifier a$x$.
 */
function numberEnd(sql: string, from: number): number {
  let i = from;
  const digits = () => {
    while (isDigit(sql[i]) || (sql[i] === '_' && isDigit(sql[i - 1]) && isDigit(sql[i + 1]))) i++;
  };
  digits();
  if (sql[i] === '.') {
    i++;
    digits();
  }
  if (sql[i] === 'e' || sql[i] === 'E') {
    const sign = sql[i + 1] === '+' || sql[i + 1] === '-' ? 1 : 0;
    if (isDigit(sql[i + 1 + sign])) {
      i += 1 + sign;
      digits();
    }
  }
  return i;
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

/** A stretch of a script between the lexer's statement separators (the semicolons it reads as code). */
export interface ScriptPiece {
  from: number;
  to: number;
  /** The lexer found a token in it (anything but blanks and comments). */
  code: boolean;
}

/**
 * Cuts a script at the semicolons the lexer reads as separators. The pieces and the separators
 * together cover every character of the script, comments and blanks included, so a check of
 * each piece (see `sql-session.ts`) sees all the text DuckDB will read.
 */
export function scriptPieces(sql: string): ScriptPiece[] {
  const pieces: ScriptPiece[] = [];
  let from = 0;
  let code = false;
  for (const token of tokenize(sql)) {
    if (token.kind === 'punct' && token.text === ';') {
      pieces.push({ from, to: token.from, code });
      from = token.to;
      code = false;
    } else if (token.kind !== 'comment') code = true;
  }
  pieces.push({ from, to: sql.length, code });
  return pieces;
}
