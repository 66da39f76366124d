import { describe, expect, it } from 'vitest';
import { isoWeekday, nextPeriod, periodStart } from '../../src/data/cube/periods-of-days';
import { dayNumber, isoOfDay } from '../../src/data/cube/sales-cube';

const start = (iso: string, grain: 'day' | 'week' | 'month') => isoOfDay(periodStart(dayNumber(iso), grain));
const next = (iso: string, grain: 'day' | 'week' | 'month') => isoOfDay(nextPeriod(dayNumber(iso), grain));

describe('periods of day numbers', () => {
  it.each([
    ['2025-03-05', 'week', '2025-03-03'], // Wednesday → Monday
    ['2025-03-03', 'week', '2025-03-03'],
    ['2025-03-09', 'week', '2025-03-03'], // Sunday belongs to the week before
    ['1969-12-31', 'week', '1969-12-29'], // before the epoch too
    ['2024-02-29', 'month', '2024-02-01'],
    ['2025-12-31', 'day', '2025-12-31'],
  ] as const)('%s starts its %s on %s', (day, grain, want) => {
    expect(start(day, grain)).toBe(want);
  });

  it('steps to the next period across month and year ends', () => {
    expect(next('2024-01-01', 'month')).toBe('2024-02-01');
    expect(next('2025-12-01', 'month')).toBe('2026-01-01');
    expect(next('2025-12-29', 'week')).toBe('2026-01-05');
  });

  it('numbers weekdays the ISO way', () => {
    expect(isoWeekday(dayNumber('2025-03-03'))).toBe(1);
    expect(isoWeekday(dayNumber('2025-03-09'))).toBe(7);
  });
});
