import type { ApiInput, ApiParam } from './types';

const list = (values: readonly string[]) => (values.length ? values.join(', ') : 'all');

/** The filter bar's fields as documented arguments (a call lists those it reads). */
export const FILTER_PARAMS = {
  from: {
    name: 'filters.from',
    type: 'string | undefined',
    description: 'First day, YYYY-MM-DD (inclusive); absent means from the first sale.',
    value: (i: ApiInput) => i.filters.from ?? `first sale${i.span ? ` (${i.span.from})` : ''}`,
  },
  to: {
    name: 'filters.to',
    type: 'string | undefined',
    description: 'Last day, YYYY-MM-DD (inclusive); absent means to the last sale.',
    value: (i: ApiInput) => i.filters.to ?? `last sale${i.span ? ` (${i.span.to})` : ''}`,
  },
  categories: {
    name: 'filters.categories',
    type: 'readonly string[]',
    description: 'Categories to keep; empty keeps all.',
    value: (i: ApiInput) => list(i.filters.categories),
  },
  regions: {
    name: 'filters.regions',
    type: 'readonly string[]',
    description: 'Regions (or stores, countries) to keep; empty keeps all.',
    value: (i: ApiInput) => list(i.filters.regions),
  },
  grain: {
    name: 'filters.grain',
    type: "'day' | 'week' | 'month'",
    description: 'Length of each period of a time series.',
    value: (i: ApiInput) => i.filters.grain,
  },
} satisfies Record<string, ApiParam>;

/** The whole filter but its grain: for calls that answer one figure or one row per group. */
export const SLICE: readonly ApiParam[] = [
  FILTER_PARAMS.from,
  FILTER_PARAMS.to,
  FILTER_PARAMS.categories,
  FILTER_PARAMS.regions,
];

/** The whole filter, grain included: for time series. */
export const SLICE_BY_PERIOD: readonly ApiParam[] = [...SLICE, FILTER_PARAMS.grain];

/** Only the categories and regions: for calls over the whole history (forecasts). */
export const DIMENSIONS: readonly ApiParam[] = [FILTER_PARAMS.categories, FILTER_PARAMS.regions];

/** A fixed argument, documented with the value the pages use. */
export function fixedParam(name: string, type: string, description: string, value: string | number): ApiParam {
  return { name, type, description, value: () => String(value) };
}
