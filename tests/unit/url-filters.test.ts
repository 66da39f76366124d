import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../src/state/url-filters';

describe('parseFilters', () => {
  it.each([
    [{}, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 0],
    [
      { from: '2025-01-01', to: '2025-03-31', region: 'North,West', category: 'Toys', grain: 'week' },
      { from: '2025-01-01', to: '2025-03-31', regions: ['North', 'West'], categories: ['Toys'], grain: 'week' },
      0,
    ],
    [{ from: '2025-02-30' }, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 1],
    [{ from: 'yesterday', grain: 'hour' }, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 2],
    [{ from: '2025-05-01', to: '2025-04-01' }, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 1],
    [{ region: ' North , ,North,South ' }, { categories: [], regions: ['North', 'South'], grain: 'month', from: undefined, to: undefined }, 0],
  ])('%o', (query, filters, noticeCount) => {
    const parsed = parseFilters(query);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.notices).toHaveLength(noticeCount);
  });
});
