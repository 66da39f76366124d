import { describe, expect, it } from 'vitest';
import { ALL } from '../../src/data/filters';
import { rangeLength, resolvePeriods, shiftDay } from '../../src/data/periods';

const SPAN = { from: '2024-01-01', to: '2025-12-31' };

describe('periods', () => {
  it.each([
    // 731 days (2024 is a leap year), so the period before starts on 2021-12-31.
    [{}, { from: '2024-01-01', to: '2025-12-31' }, { from: '2021-12-31', to: '2023-12-31' }],
    [
      { from: '2025-03-01', to: '2025-03-31' },
      { from: '2025-03-01', to: '2025-03-31' },
      { from: '2025-01-29', to: '2025-02-28' },
    ],
    [{ from: '2025-12-01' }, { from: '2025-12-01', to: '2025-12-31' }, { from: '2025-10-31', to: '2025-11-30' }],
    [{ to: '2024-01-10' }, { from: '2024-01-01', to: '2024-01-10' }, { from: '2023-12-22', to: '2023-12-31' }],
    [{ from: '2030-01-01' }, { from: '2030-01-01', to: '2030-01-01' }, { from: '2029-12-31', to: '2029-12-31' }],
  ])('%o → current %o, previous %o', (f, current, previous) => {
    const p = resolvePeriods({ ...ALL, ...f }, SPAN);
    expect(p.current).toEqual(current);
    expect(p.previous).toEqual(previous);
    expect(rangeLength(p.previous)).toBe(rangeLength(p.current));
  });

  it('shifts across month, year and leap-day boundaries', () => {
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2025-01-01', -1)).toBe('2024-12-31');
  });
});
