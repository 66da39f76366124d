/** Display formatting in the browser's locale. Raw numbers stay in data-* attributes. */

// The built-in data is in US dollars; imported data will carry its own currency setting.
const currencyCode = 'USD';

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, options);
    cache.set(key, f);
  }
  return f;
}

const dateCache = new Map<string, Intl.DateTimeFormat>();
// Building an Intl formatter costs far more than using one: a heatmap formats hundreds of dates.
function df(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, options);
    dateCache.set(key, f);
  }
  return f;
}

const DASH = '—';

/** Currency with cents, e.g. "$4,712,345.67". */
export function money(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return nf(`money-${currencyCode}`, { style: 'currency', currency: currencyCode }).format(value);
}

/** Currency in short form for axes and cards, e.g. "$4.7M". */
export function moneyCompact(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return nf(`moneyc-${currencyCode}`, {
    style: 'currency',
    currency: currencyCode,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** Whole or fractional count with grouping, e.g. "1,402". */
export function count(value: number | null | undefined, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return nf(`count-${digits}`, { maximumFractionDigits: digits }).format(value);
}

/** A fraction as a percentage, e.g. 0.423 → "42.3%". */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return nf(`pct-${digits}`, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    value,
  );
}

/** A signed relative change, e.g. 0.052 → "+5.2%". */
export function change(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return nf('chg', {
    style: 'percent',
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A UTC wall-time epoch (as DuckDB returns TIMESTAMPs) as a local-style date. */
export function day(epochMs: number | null | undefined): string {
  if (epochMs == null || !Number.isFinite(epochMs)) return DASH;
  return df('day', { dateStyle: 'medium', timeZone: 'UTC' }).format(epochMs);
}

/** A UTC wall-time epoch as date and time; 'short' for dense tables. */
export function dateTime(epochMs: number | null | undefined, dateStyle: 'medium' | 'short' = 'medium'): string {
  if (epochMs == null || !Number.isFinite(epochMs)) return DASH;
  return df(`dt-${dateStyle}`, { dateStyle, timeStyle: 'short', timeZone: 'UTC' }).format(epochMs);
}

/** A UTC wall-time epoch as month and year, e.g. "Mar 2025". */
export function month(epochMs: number | null | undefined): string {
  if (epochMs == null || !Number.isFinite(epochMs)) return DASH;
  return df('month', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(epochMs);
}

/** Relative change from `before` to `after`; null when there is no meaningful base. */
export function relativeChange(after: number | null, before: number | null): number | null {
  if (after == null || before == null || before === 0) return null;
  return (after - before) / Math.abs(before);
}

/** A size in bytes with a binary unit, e.g. 1536 → "1.5 KB" (sizes the browser and DuckDB report). */
export function bytes(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${count(n, unit === 0 ? 0 : 1)} ${units[unit]}`;
}
