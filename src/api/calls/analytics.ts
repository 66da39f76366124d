import type { Row } from '../../data/engine/connector';
import { resolvePeriods } from '../../data/periods';
import {
  breakdown,
  discountEffect,
  hourOfDay,
  orderValueHistogram,
  regionByMonth,
  salesOverTime,
  sliceSummaries,
  sliceTable,
  weekdayPattern,
} from '../../data/queries/analytics';
import { salesAnalyticsSql, type SalesAnalyticsSql } from '../../data/queries/analytics/sql';
import { sliceTransactions, sliceTransactionsSql } from '../../data/queries/slice-transactions';
import type { Statement } from '../../data/queries/statement';
import { FILTER_PARAMS, fixedParam, SLICE } from '../params';
import { rowsOf, tagged } from '../rows';
import type { ApiCall, ApiContext, ApiInput, ApiParam } from '../types';

// Data with no sales has no span; any day will do, since every answer is then empty.
const NO_SPAN = { from: '1970-01-01', to: '1970-01-01' };
const periodsOf = (i: ApiInput) => resolvePeriods(i.filters, i.span ?? NO_SPAN);
const sqlOf = (i: ApiInput): SalesAnalyticsSql => salesAnalyticsSql(i.filters, periodsOf(i));
const CUBE_NOTE =
  'Answered in memory from the sales cube (a few ms per filter change); the SQL shown gives the same rows.';
const TRANSACTIONS = 1000;

/** Adds the current period's range to the documented filter: the page compares with the period before. */
const COMPARED: readonly ApiParam[] = [
  ...SLICE,
  {
    name: 'periods',
    type: '{ current: DayRange; previous: DayRange }',
    description: 'The filter’s dates made explicit, and the period of equal length just before.',
    value: (i) => {
      const p = periodsOf(i);
      return `${p.current.from} – ${p.current.to}, before: ${p.previous.from} – ${p.previous.to}`;
    },
  },
];

/** A Sales Analytics view: its cube function for `run`, its SQL equivalent for the page. */
function view(
  call: Omit<ApiCall, 'group' | 'engine' | 'note' | 'statements' | 'run'>,
  statements: (sql: SalesAnalyticsSql) => Statement[],
  run: (c: ApiContext, cube: Awaited<ReturnType<ApiContext['cube']>>) => Row[],
): ApiCall {
  return {
    ...call,
    group: 'Sales Analytics',
    engine: 'cube',
    note: CUBE_NOTE,
    statements: (i) => statements(sqlOf(i)),
    run: rowsOf(async (c) => run(c, await c.cube())),
  };
}

/** The Sales Analytics page's questions. */
export const ANALYTICS_CALLS: readonly ApiCall[] = [
  view(
    {
      name: 'analytics.summary',
      summary: 'Revenue, orders, units, AOV, margin, discount and returns of the slice and of the period before.',
      signature: 'sliceSummaries(cube, filters, periods)',
      returns: '{ current: SliceSummary; previous: SliceSummary }',
      params: COMPARED,
    },
    (q) => [q.summary],
    (c, cube) => {
      const s = sliceSummaries(cube, c.filters, periodsOf(c));
      return [tagged('current', s.current), tagged('previous', s.previous)];
    },
  ),
  view(
    {
      name: 'analytics.salesOverTime',
      summary: 'Revenue and orders per period, with the period before aligned underneath.',
      signature: 'salesOverTime(cube, filters, periods)',
      returns: 'SalesOverTime',
      params: [...COMPARED, FILTER_PARAMS.grain],
    },
    (q) => [q.overTime],
    (c, cube) => {
      const s = salesOverTime(cube, c.filters, periodsOf(c));
      return [
        ...s.current.map((p) => tagged('current', p, 'series')),
        ...s.previous.map((p) => tagged('previous', p, 'series')),
      ];
    },
  ),
  view(
    {
      name: 'analytics.breakdownByRegion',
      summary: 'Revenue, growth, share, orders, AOV, units, discount and margin per region (region filter left out).',
      signature: "breakdown(cube, { ...filters, regions: [] }, 'region', periods)",
      returns: 'BreakdownRow[]',
      params: COMPARED,
    },
    (q) => [q.regions],
    (c, cube) => breakdown(cube, { ...c.filters, regions: [] }, 'region', periodsOf(c)),
  ),
  view(
    {
      name: 'analytics.breakdownByCategory',
      summary:
        'Revenue, growth, share, orders, AOV, units, discount and margin per category (category filter left out).',
      signature: "breakdown(cube, { ...filters, categories: [] }, 'category', periods)",
      returns: 'BreakdownRow[]',
      params: COMPARED,
    },
    (q) => [q.categories],
    (c, cube) => breakdown(cube, { ...c.filters, categories: [] }, 'category', periodsOf(c)),
  ),
  view(
    {
      name: 'analytics.regionByMonth',
      summary: 'Net revenue of each region in each month: the heatmap.',
      signature: 'regionByMonth(cube, filters)',
      returns: 'RegionMonthCell[]',
      params: SLICE,
    },
    (q) => [q.regionMonths],
    (c, cube) => regionByMonth(cube, { ...c.filters, ...periodsOf(c).current }),
  ),
  view(
    {
      name: 'analytics.weekdayPattern',
      summary: 'Revenue on an average Monday, Tuesday … Sunday of the range, days without sales included.',
      signature: 'weekdayPattern(cube, filters, range)',
      returns: 'WeekdayPoint[]',
      params: SLICE,
    },
    (q) => [q.weekdays],
    (c, cube) => weekdayPattern(cube, c.filters, periodsOf(c).current),
  ),
  view(
    {
      name: 'analytics.hourOfDay',
      summary: 'Revenue and lines per hour of the day (none for data without times).',
      signature: 'hourOfDay(cube, filters)',
      returns: 'HourPoint[] | null',
      params: SLICE,
    },
    (q) => [q.hours],
    (c, cube) => hourOfDay(cube, { ...c.filters, ...periodsOf(c).current }) ?? [],
  ),
  view(
    {
      name: 'analytics.discountBands',
      summary: 'Units and revenue on an average day, by how deep that day’s discount was.',
      signature: 'discountEffect(cube, filters)',
      returns: 'DiscountBand[]',
      params: SLICE,
    },
    (q) => [q.discount.bands],
    (c, cube) => discountEffect(cube, { ...c.filters, ...periodsOf(c).current }).bands,
  ),
  view(
    {
      name: 'analytics.discountDays',
      summary: 'Each day’s units, revenue and revenue-weighted discount: what the discount bands are averaged from.',
      signature: 'discountEffect(cube, filters)',
      returns: 'DiscountDay[]',
      params: SLICE,
    },
    (q) => [q.discount.days],
    (c, cube) => discountEffect(cube, { ...c.filters, ...periodsOf(c).current }).days,
  ),
  view(
    {
      name: 'analytics.orderValues',
      summary: 'Orders per band of order value, on log-spaced bands.',
      signature: 'orderValueHistogram(cube, filters)',
      returns: 'OrderValueBin[]',
      params: SLICE,
    },
    (q) => [q.orderValues],
    (c, cube) => orderValueHistogram(cube, { ...c.filters, ...periodsOf(c).current }),
  ),
  view(
    {
      name: 'analytics.sliceTable',
      summary: 'Revenue, share, orders, AOV, units, discount, margin and returns per category × region.',
      signature: 'sliceTable(cube, filters)',
      returns: 'SliceRow[]',
      params: SLICE,
    },
    (q) => [q.table],
    (c, cube) => sliceTable(cube, { ...c.filters, ...periodsOf(c).current }),
  ),
  {
    name: 'analytics.sliceTransactions',
    group: 'Sales Analytics',
    summary: 'The slice’s sale lines with every canonical column, in time order (the Data page exports them all).',
    signature: 'sliceTransactions(db, filters, { limit })',
    returns: 'SliceTransactions',
    engine: 'DuckDB',
    params: [
      ...SLICE,
      fixedParam('options.limit', 'number | undefined', 'At most this many lines; absent = all.', TRANSACTIONS),
    ],
    statements: (i) => [sliceTransactionsSql(i.filters, { limit: TRANSACTIONS })],
    run: rowsOf(async (c) => {
      const t = await sliceTransactions(c.db, c.filters, { limit: TRANSACTIONS });
      return t.rows.map((r) => Object.fromEntries(t.columns.map((name, k) => [name, r[k]])));
    }),
  },
];
