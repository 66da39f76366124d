/**
 * Reads where in a query DuckDB found a problem. DuckDB reports it in one of three ways:
 * - as JSON (the console's connection sets `errors_as_json`, and parser errors thrown while a
 *   script is split come as JSON anyway): `"position":"14"`, a UTF-8 byte offset into the text;
 * - as text: "LINE 3: <the line, or a window of it>" and a caret under the spot;
 * - only as "syntax error at or near "X"", naming the token.
 * JSON is exact; the others are read back onto the query as well as they allow.
 */

/** A DuckDB error taken apart: its kind, its message without position decoration, and where it points. */
export interface DuckDbErrorInfo {
  /** The error class, e.g. "Parser Error", "Binder Error"; "Error" when DuckDB named none. */
  kind: string;
  /** The message itself, e.g. `Referenced column "foo" not found in FROM clause!`. */
  message: string;
  /** Where the error points, as a UTF-16 index into the query text. */
  offset?: number;
}

/** A 1-based line and column. */
export interface LineColumn {
  line: number;
  column: number;
}

/** The 1-based line and column of a UTF-16 index in `text` (a tab counts as one column, as editors count). */
export function lineColumn(text: string, offset: number): LineColumn {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** The UTF-16 index where the UTF-8 byte offset `bytes` of `text` falls (DuckDB counts positions in bytes). */
export function byteToCharOffset(text: string, bytes: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < bytes) {
    const code = text.codePointAt(i)!;
    seen += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code >= 0x10000 ? 2 : 1;
  }
  return i;
}

/** The UTF-16 index of a 1-based line's first character, or undefined past the end. */
function lineStart(text: string, line: number): number | undefined {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return undefined;
    at = nl + 1;
  }
  return at;
}

interface JsonError {
  exception_type?: unknown;
  exception_message?: unknown;
  position?: unknown;
}

/** The first JSON object in `text` that looks like a DuckDB error, if any. */
function jsonError(text: string): JsonError | undefined {
  const start = text.indexOf('{');
  if (start === -1) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    if (value && typeof value === 'object' && 'exception_message' in value) return value as JsonError;
  } catch {
    // not JSON after all: read it as text
  }
  return undefined;
}

// "Binder Error: …", "Out of Range Error: …" (a "Query failed: " or "Error: " in front is the app's or JS's).
const KIND = /^(?:Query failed: )?(?:Error: )?([A-Z][A-Za-z]*(?: [A-Za-z]+)*? Error): ?/;
// "LINE 3: SELECT …\n        ^": the context line and the caret under it.
const LINE_CONTEXT = /\n*LINE (\d+): ([^\n]*)\n( *)\^/;
const NEAR = /at or near "((?:[^"]|"")*)"/;

/** Takes a DuckDB error message apart and finds the offset it points at in `sql` (the text that was run). */
export function parseDuckDbError(raw: string, sql: string): DuckDbErrorInfo {
  const json = jsonError(raw);
  if (json) return fromJson(json, raw, sql);
  const kindMatch = KIND.exec(raw);
  const kind = kindMatch?.[1] ?? 'Error';
  let body = kindMatch ? raw.slice(kindMatch[0].length) : raw.replace(/^(?:Query failed: )?(?:Error: )?/, '');
  let offset: number | undefined;
  const context = LINE_CONTEXT.exec(body);
  if (context) {
    offset = offsetFromContext(
      sql,
      Number(context[1]),
      context[2] ?? '',
      (context[3] ?? '').length - `LINE ${context[1]}: `.length,
    );
    // DuckDB sometimes prints the context twice; the message is what comes before the first.
    body = body.slice(0, context.index);
  }
  if (offset === undefined) offset = offsetOfNear(sql, body);
  return { kind, message: body.trim(), ...(offset === undefined ? {} : { offset }) };
}

function fromJson(json: JsonError, raw: string, sql: string): DuckDbErrorInfo {
  let message = typeof json.exception_message === 'string' ? json.exception_message : raw;
  let position = json.position;
  // A parser error raised while a script is split arrives as JSON inside JSON.
  const inner = jsonError(message);
  if (inner && typeof inner.exception_message === 'string') {
    message = inner.exception_message;
    position ??= inner.position;
  }
  // Text decoration inside the message (older builds add the LINE context there too).
  const context = LINE_CONTEXT.exec(message);
  if (context) message = message.slice(0, context.index);
  const type = typeof json.exception_type === 'string' && json.exception_type ? json.exception_type : '';
  const bytes = typeof position === 'string' || typeof position === 'number' ? Number(position) : NaN;
  const offset = Number.isInteger(bytes) && bytes >= 0 ? byteToCharOffset(sql, bytes) : offsetOfNear(sql, message);
  return {
    kind: type ? `${type} Error` : 'Error',
    message: message.trim(),
    ...(offset === undefined ? {} : { offset }),
  };
}

/**
 * The offset a "LINE n: context" and caret point at. DuckDB cuts long lines to a window
 * ("...middle..."), so the window is found in the line first, and the caret counted from there.
 */
function offsetFromContext(sql: string, line: number, context: string, caret: number): number | undefined {
  const start = lineStart(sql, line);
  if (start === undefined || caret < 0) return undefined;
  const end = sql.indexOf('\n', start);
  const text = sql.slice(start, end === -1 ? sql.length : end);
  const lead = context.startsWith('...') ? 3 : 0;
  const window = context.slice(lead).replace(/\.\.\.$/, '');
  const found = window ? text.indexOf(window) : 0;
  const windowStart = found === -1 ? 0 : found;
  const column = Math.max(0, Math.min(text.length, windowStart + caret - lead));
  return start + column;
}

/** Where the token of "at or near "X"" first occurs in `sql` (only when it occurs once: otherwise it is a guess). */
function offsetOfNear(sql: string, message: string): number | undefined {
  const near = NEAR.exec(message)?.[1]?.replace(/""/g, '"');
  if (!near) return undefined;
  const first = sql.indexOf(near);
  if (first === -1 || sql.indexOf(near, first + 1) !== -1) return undefined;
  return first;
}

/** "Line 3, column 7" for a place in `sql`. */
export function positionText(sql: string, offset: number): string {
  const { line, column } = lineColumn(sql, offset);
  return `Line ${line}, column ${column}`;
}
