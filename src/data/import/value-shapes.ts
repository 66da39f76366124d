/**
 * Recognising numbers and dates in exported text, shared by the column profiler (which
 * decides a column's format from a sample) and, in SQL form, by `value-sql.ts` (which
 * converts every value).
 */

/** Which character separates decimals in a column's numbers. */
export type DecimalMark = '.' | ',';

/** Field order of a column's dates: ISO, US, day-first, month names, or spreadsheet serials. */
export type DateOrder = 'ymd' | 'mdy' | 'dmy' | 'named' | 'serial';

/**
 * What may stand before or after the digits: a currency symbol, a currency code in capitals
 * (USD, EUR), a few local abbreviations, or %. Anything else ("x10", "ref7", "#12") is not a number.
 */
const UNIT = '(?:[$€£¥₹₩₽¢]|R\\$|[A-Z]{1,2}\\$|[A-Z]{3}|kr|Fr|zł|%)';
/**
 * A number as people write it: unit, sign (also trailing, as SAP writes it), accounting
 * parentheses, digits with thousands separators. One source for JavaScript and for SQL (RE2).
 */
export const NUMBER_PATTERN = `^\\(?\\s*[-+\u2212]?\\s*${UNIT}?\\s*[-+\u2212]?\\s*(\\d[\\d.,' \u00a0\u202f]*)\\s*${UNIT}?\\s*-?\\s*\\)?$`;
export const NUMBER_SHAPE = new RegExp(NUMBER_PATTERN, 'u');
/** Plain machine numbers, e.g. 12, -3.5, 1e-5: safe to cast when the decimal mark is a dot. */
export const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
export const ISO_DATE =
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/;
export const NUMERIC_DATE =
  /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)?$/;
export const NAMED_DATE =
  /^(?:\d{1,2}[ -]?[A-Za-z]{3,9}\.?[-, ]+\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$/;

/** Evidence one value gives about the decimal mark: a vote, or none when it cannot tell. */
export function decimalVote(value: string): DecimalMark | null {
  const m = NUMBER_SHAPE.exec(value.trim());
  const digits = m?.[1]?.replace(/[' \u00a0\u202f]/g, '');
  if (!digits) return null;
  const dot = digits.lastIndexOf('.');
  const comma = digits.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const mark = dot >= 0 ? '.' : comma >= 0 ? ',' : null;
  if (!mark) return null;
  const count = digits.split(mark).length - 1;
  const after = digits.length - digits.lastIndexOf(mark) - 1;
  if (count > 1) return mark === '.' ? ',' : '.'; // 1.234.567 groups thousands
  if (after === 3) return null; // 1,234 or 1.234: a thousands group or three decimals
  return mark;
}

/** Parses a number the way the SQL conversion does (used for previews and tests of intent). */
export function parseNumber(value: string, decimal: DecimalMark): number | null {
  const text = value.trim();
  if (text === '') return null;
  if (decimal === '.' && PLAIN_NUMBER.test(text)) return Number(text);
  const m = NUMBER_SHAPE.exec(text);
  const raw = m?.[1]?.replace(/[' \u00a0\u202f]/g, '').replace(/[.,]$/, '');
  if (!raw) return null;
  const group = decimal === '.' ? ',' : '.';
  const shape = decimal === '.' ? /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/ : /^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
  if (!shape.test(raw)) return null;
  const n = Number(raw.split(group).join('').replace(',', '.'));
  const negative = /^\s*\(.*\)\s*$/.test(text) || /[-\u2212]/.test(text);
  return negative ? -n : n;
}

/** The date order one value implies, and for d/m vs m/d which components exceed 12. */
export function dateShape(value: string): { order: DateOrder; firstOver12?: boolean; secondOver12?: boolean } | null {
  const text = value.trim();
  if (ISO_DATE.test(text)) return { order: 'ymd' };
  const m = NUMERIC_DATE.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) return null;
    return { order: 'mdy', firstOver12: a > 12, secondOver12: b > 12 };
  }
  if (NAMED_DATE.test(text)) return { order: 'named' };
  return null;
}
