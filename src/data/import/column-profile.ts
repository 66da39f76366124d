import { dateShape, decimalVote, parseNumber, type DateOrder, type DecimalMark } from './value-shapes';

/** What a sample of one source column looks like: enough to map it and pick its formats. */
export interface ColumnProfile {
  name: string;
  /** Non-empty values in the sample. */
  nonEmpty: number;
  /** A few distinct values, for the mapping step. */
  examples: string[];
  /** Share of non-empty values that read as numbers (with the chosen decimal mark). */
  numberShare: number;
  decimal: DecimalMark;
  /** Values that showed the decimal mark unambiguously: "1,5" votes comma, "1.5" votes dot. */
  votes: { '.': number; ',': number };
  /** Largest absolute value among the numbers (null when none). */
  maxAbs: number | null;
  /** Shares of non-empty values written with a % sign, and with a currency symbol or code. */
  percentShare: number;
  currencyShare: number;
  /** Share of non-empty values that read as dates (any order). */
  dateShare: number;
  /** Share of non-empty values that are a time of day alone (13:05, 9:15 am). */
  timeShare: number;
  dateOrder: DateOrder | null;
  /** For d/m/y-looking dates: how many values had a first / second part above 12 (set from all rows later). */
  firstOver12: number;
  secondOver12: number;
}

/** Whether a numeric column could hold spreadsheet date serials (1970–2100). */
function serialDates(values: string[]): boolean {
  return (
    values.length > 0 && values.every((v) => /^\d{5}(\.\d+)?$/.test(v.trim()) && Number(v) > 25569 && Number(v) < 73051)
  );
}

/** Profiles one column from sampled raw values (text, as read; empty values included). */
export function profileColumn(
  name: string,
  raw: readonly (string | null)[],
  preferDecimalComma = false,
): ColumnProfile {
  const values = raw.filter((v): v is string => v != null && v.trim() !== '');
  const votes = { '.': 0, ',': 0 };
  for (const v of values) {
    const vote = decimalVote(v);
    if (vote) votes[vote]++;
  }
  const decimal: DecimalMark = votes[','] > votes['.'] || (votes[','] === votes['.'] && preferDecimalComma) ? ',' : '.';
  let numbers = 0;
  let percents = 0;
  let currencies = 0;
  let maxAbs: number | null = null;
  const orders = new Map<DateOrder, number>();
  let dates = 0;
  let firstOver12 = 0;
  let secondOver12 = 0;
  for (const v of values) {
    const n = parseNumber(v, decimal);
    if (n != null && Number.isFinite(n)) {
      numbers++;
      maxAbs = Math.max(maxAbs ?? 0, Math.abs(n));
      if (v.includes('%')) percents++;
      if (/[$€£¥₹₩₽¢]|\b[A-Z]{3}\b/.test(v)) currencies++;
    }
    const d = dateShape(v);
    if (d) {
      dates++;
      orders.set(d.order, (orders.get(d.order) ?? 0) + 1);
      if (d.firstOver12) firstOver12++;
      if (d.secondOver12) secondOver12++;
    }
  }
  let dateOrder: DateOrder | null = [...orders.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (dateOrder === 'mdy' && firstOver12 > secondOver12) dateOrder = 'dmy';
  if (!dateOrder && /date|datum|fecha|time|day/i.test(name) && serialDates(values)) {
    dateOrder = 'serial';
    dates = values.length;
  }
  const n = values.length || 1;
  return {
    name,
    nonEmpty: values.length,
    examples: [...new Set(values)].slice(0, 3),
    numberShare: numbers / n,
    decimal,
    votes,
    maxAbs,
    percentShare: percents / n,
    currencyShare: currencies / n,
    dateShare: dates / n,
    timeShare: values.filter((v) => /^\d{1,2}[:.]\d{2}([:.]\d{2})?\s*([ap]\.?m\.?)?$/i.test(v.trim())).length / n,
    dateOrder,
    firstOver12,
    secondOver12,
  };
}

/** Whether d/m/y versus m/d/y could not be told apart: no day above 12 anywhere. */
export function dateOrderAmbiguous(p: Pick<ColumnProfile, 'dateOrder' | 'firstOver12' | 'secondOver12'>): boolean {
  return (p.dateOrder === 'mdy' || p.dateOrder === 'dmy') && p.firstOver12 === 0 && p.secondOver12 === 0;
}

/** Decides m/d/y or d/m/y from counts over every row; when nothing decides, the separator's custom. */
export function decideDayMonth(firstOver12: number, secondOver12: number, separator: string): 'mdy' | 'dmy' {
  if (firstOver12 > secondOver12) return 'dmy';
  if (secondOver12 > firstOver12) return 'mdy';
  // 03.04.2024 is German/European day-first; 03/04/2024 is most often a US export.
  return separator === '/' ? 'mdy' : 'dmy';
}
