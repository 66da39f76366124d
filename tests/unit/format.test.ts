import { describe, expect, it } from 'vitest';
import { change, count, dateTime, money, percent, relativeChange } from '../../src/format';

// Formatting follows the runtime's locale; compare with Intl itself rather than fixed strings.
const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(undefined, options);

describe('format', () => {
  it('shows money with cents in the locale, and a dash for unknown values', () => {
    expect(money(4712345.678)).toBe(nf({ style: 'currency', currency: 'USD' }).format(4712345.678));
    expect(money(null)).toBe('—');
    expect(money(Number.NaN)).toBe('—');
  });

  it('shows counts, percentages and signed changes', () => {
    expect(count(1402)).toBe(nf({ maximumFractionDigits: 0 }).format(1402));
    expect(percent(0.4237)).toBe(
      nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(0.4237),
    );
    expect(change(0.052)).toMatch(/^\+/);
    expect(change(-0.052)).toMatch(/^[-−]/);
    expect(change(null)).toBe('—');
  });

  it('shows DuckDB timestamps as the wall time they were written with', () => {
    const text = dateTime(Date.UTC(2025, 11, 31, 20, 27));
    expect(text).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2025, 11, 31, 20, 27)),
      ),
    );
  });

  it.each([
    [110, 100, 0.1],
    [90, 100, -0.1],
    [-50, -100, 0.5],
    [5, 0, null],
    [null, 5, null],
  ])('relativeChange(%s, %s) = %s', (after, before, expected) => {
    const r = relativeChange(after, before);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 12);
  });
});
