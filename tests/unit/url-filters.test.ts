import { describe, expect, it } from 'vitest';
import { dropUnknown, filtersToQuery, parseFilters } from '../../src/state/url-filters';

describe('parseFilters', () => {
  it.each([
    [{}, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 0],
    [
      { from: '2025-01-01', to: '2025-03-31', region: 'North,West', category: 'Toys', grain: 'week' },
      { from: '2025-01-01', to: '2025-03-31', regions: ['North', 'West'], categories: ['Toys'], grain: 'week' },
      0,
    ],
    [{ from: '2025-02-30' }, { categories: [], regions: [], grain: 'month', from: undefined, to: undefined }, 1],
    [
      { from: 'yesterday', grain: 'hour' },
      { categories: [], regions: [], grain: 'month', from: undefined, to: undefined },
      2,
    ],
    [
      { from: '2025-05-01', to: '2025-04-01' },
      { categories: [], regions: [], grain: 'month', from: undefined, to: undefined },
      1,
    ],
    [
      { region: 'North,,North,South' },
      { categories: [], regions: ['North', 'South'], grain: 'month', from: undefined, to: undefined },
      0,
    ],
  ])('%o', (query, filters, noticeCount) => {
    const parsed = parseFilters(query);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.notices).toHaveLength(noticeCount);
  });

  it('drops categories and regions the data does not have, saying which', () => {
    const parsed = parseFilters({ category: 'Toys,Spaceships', region: 'North' });
    const checked = dropUnknown(parsed, { categories: ['Toys', 'Beauty'], regions: ['North'] });
    expect(checked.filters.categories).toEqual(['Toys']);
    expect(checked.filters.regions).toEqual(['North']);
    expect(checked.notices).toEqual(['Ignored category “Spaceships”: not in this data.']);
    expect(dropUnknown(parseFilters({ region: 'North' }), { categories: [], regions: ['North'] }).notices).toEqual([]);
  });

  it('round-trips through the URL query', () => {
    const f = {
      from: '2025-01-01',
      to: '2025-01-31',
      categories: ['Home & Garden', 'Pens, Assorted', 'a\\b'],
      regions: [' East '],
      grain: 'day' as const,
    };
    const query = Object.fromEntries(Object.entries(filtersToQuery(f)).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    expect(parseFilters(query).filters).toEqual(f);
  });
});
