import { describe, expect, it } from 'vitest';
import { matchPreset, PRESETS, presetRange } from '../../src/state/presets';

describe('date presets, relative to the last day of the data', () => {
  it.each([
    ['last30', '2025-12-31', { from: '2025-12-02', to: '2025-12-31' }],
    ['last90', '2025-12-31', { from: '2025-10-03', to: '2025-12-31' }],
    ['month', '2025-12-31', { from: '2025-12-01', to: '2025-12-31' }],
    ['qtd', '2025-08-15', { from: '2025-07-01', to: '2025-08-15' }],
    ['qtd', '2025-03-31', { from: '2025-01-01', to: '2025-03-31' }],
    ['ytd', '2025-06-30', { from: '2025-01-01', to: '2025-06-30' }],
    ['last12m', '2025-12-31', { from: '2025-01-01', to: '2025-12-31' }],
    ['last12m', '2024-02-29', { from: '2023-03-01', to: '2024-02-29' }],
    ['all', '2025-12-31', {}],
  ] as const)('%s ending %s', (id, last, range) => {
    expect(presetRange(id, last)).toEqual(range);
  });

  it('recognises each preset from its dates, and anything else as custom', () => {
    // Mid-month, so no two presets give the same dates.
    for (const p of PRESETS) {
      const r = presetRange(p.id, '2025-11-15');
      expect(matchPreset(r.from, r.to, '2025-11-15')).toBe(p.id);
    }
    expect(matchPreset('2025-02-03', '2025-02-10', '2025-12-31')).toBe('custom');
  });
});
