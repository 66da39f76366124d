import { NUMBER_PATTERN, type DateOrder, type DecimalMark } from './value-shapes';

/** A source column name as a quoted SQL identifier (names come from users' files). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Trimmed text, empty as NULL. */
export function textSql(col: string): string {
  return `nullif(trim(${col}), '')`;
}

/** An identifier: trimmed, "17850.0" (a number written by a spreadsheet) as "17850", e-mail lower-cased. */
export function idSql(col: string): string {
  const t = textSql(col);
  return `CASE WHEN ${t} LIKE '%@%' THEN lower(${t}) WHEN ${t} LIKE '%.0' THEN regexp_replace(${t}, '^(\\d+)\\.0+$', '\\1') ELSE ${t} END`;
}

/**
 * A number written for people: currency symbols or codes, thousands separators, either decimal
 * mark, a minus sign anywhere or accounting parentheses. Mirrors `parseNumber` in value-shapes.ts;
 * anything else converts to NULL (and the row is then reported, not dropped).
 */
export function numberSql(col: string, decimal: DecimalMark): string {
  const t = `trim(${col})`;
  const shape = `regexp_extract(${t}, '${NUMBER_PATTERN.replace(/'/g, "''")}', 1)`;
  const digits = `regexp_replace(regexp_replace(${shape}, '['' \u00a0\u202f]', '', 'g'), '[.,]$', '')`;
  const grouped = decimal === '.' ? `^(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?$` : `^(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?$`;
  const plain = decimal === '.' ? `replace(${digits}, ',', '')` : `replace(replace(${digits}, '.', ''), ',', '.')`;
  const sign = `CASE WHEN regexp_matches(${t}, '^\\(.*\\)$') OR regexp_matches(${t}, '[-\u2212]') THEN -1 ELSE 1 END`;
  // Inline, not a subquery: DuckDB would decorrelate a subquery into a join over every row.
  const human = `(CASE WHEN regexp_full_match(${digits}, '${grouped}') THEN ${sign} * TRY_CAST(${plain} AS DOUBLE) END)`;
  const slow = `(CASE WHEN ${col} IS NULL OR ${t} = '' THEN NULL ELSE ${human} END)`;
  if (decimal === ',') return slow;
  // Most exports write plain numbers: DuckDB's own cast takes them, and only the rest pay for
  // the regular expressions (coalesce evaluates its second argument only where the first is NULL).
  return `coalesce(CASE WHEN isfinite(TRY_CAST(${col} AS DOUBLE)) THEN TRY_CAST(${col} AS DOUBLE) END, ${slow})`;
}

const TIMES = ['', ' %H:%M', ' %H:%M:%S', ' %H:%M:%S.%f', ' %I:%M %p', ' %I:%M:%S %p'];

function formats(day: string, sep: string, year: '%Y' | '%y'): string[] {
  const [a, b] = day === 'dmy' ? ['%d', '%m'] : ['%m', '%d'];
  return TIMES.map((t) => `${a}${sep}${b}${sep}${year}${t}`);
}

const sqlList = (items: string[]) => `[${items.map((s) => `'${s}'`).join(', ')}]`;

// Month names, with four-digit years and then two-digit ones: a %Y format would read "24" as year 24.
const NAMED_YYYY = [
  '%d %b %Y',
  '%d-%b-%Y',
  '%d %B %Y',
  '%d-%B-%Y',
  '%b %d, %Y',
  '%B %d, %Y',
  '%b %d %Y',
  '%B %d %Y',
  '%d %b %Y %H:%M',
  '%d %B %Y %H:%M',
  '%d %b %Y %H:%M:%S',
  '%d-%b-%Y %H:%M:%S',
  '%b %d, %Y %I:%M %p',
  '%B %d, %Y %I:%M %p',
  '%B %d, %Y %H:%M',
];
const NAMED_YY = ['%d-%b-%y', '%d %b %y', '%d-%b-%y %H:%M', '%d-%b-%y %H:%M:%S', '%b %d, %y'];

/**
 * A date or date-time in the column's order, as TIMESTAMP (wall-clock time; a zone suffix is
 * read but not converted). Separators `/ . -` are treated alike; two-digit years are 20xx.
 */
export function dateSql(col: string, order: DateOrder): string {
  const t = `trim(${col})`;
  if (order === 'serial') {
    return `(TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(TRY_CAST(${t} AS DOUBLE) * 86400000000) AS BIGINT)))`;
  }
  // Dots go ("Jan.", "a.m."): strptime's %b and %p do not take them.
  const undotted = `regexp_replace(${t}, '\\.', '', 'g')`;
  const named = `(CASE WHEN regexp_matches(${t}, '\\d{4}') THEN try_strptime(${undotted}, ${sqlList(NAMED_YYYY)}) ELSE try_strptime(${undotted}, ${sqlList(NAMED_YY)}) END)`;
  if (order === 'ymd' || order === 'named') {
    const slashIso = `try_strptime(regexp_replace(${t}, '^(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})', '\\1-\\2-\\3'), ['%Y-%m-%d', '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S'])`;
    // "2024-01-15 10:23:40 -0500" (Shopify): the offset is dropped, the wall-clock time kept.
    const noOffset = `TRY_CAST(regexp_replace(${t}, '\\s+[+-]\\d{2}:?\\d{2}$', '') AS TIMESTAMP)`;
    return `coalesce(TRY_CAST(${col} AS TIMESTAMP), TRY_CAST(${t} AS TIMESTAMP), ${noOffset}, ${slashIso}, ${named})`;
  }
  const norm = `regexp_replace(regexp_replace(${t}, '^(\\d{1,2})[./-](\\d{1,2})[./-](\\d{2,4})', '\\1/\\2/\\3'), '\\s*([AaPp])\\.?[Mm]\\.?$', ' \\1M')`;
  const fourDigit = `try_strptime(${norm}, ${sqlList(formats(order, '/', '%Y'))})`;
  const twoDigit = `try_strptime(${norm}, ${sqlList(formats(order, '/', '%y'))})`;
  return `(CASE WHEN regexp_matches(${t}, '^\\d{1,2}[./-]\\d{1,2}[./-]\\d{4}') THEN ${fourDigit}
     WHEN regexp_matches(${t}, '^\\d{1,2}[./-]\\d{1,2}[./-]\\d{2}([^\\d]|$)') THEN ${twoDigit}
     ELSE coalesce(TRY_CAST(${t} AS TIMESTAMP), ${named}) END)`;
}
