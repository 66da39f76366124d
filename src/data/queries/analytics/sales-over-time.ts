import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { type DayRange } from '../../periods';
import { GRAIN_PART, GRAIN_STEP } from '../fragments';
import { cubeClause, ordersClause } from './cube-where';

/** Revenue and orders of one period at the chosen grain (start as epoch ms, UTC). */
export interface TimePoint extends Record<string, unknown> {
  period: number;
  revenue: number;
  orders: number;
}

/** The slice over time, and the previous period of equal length laid over it point by point. */
export interface SalesOverTime {
  current: TimePoint[];
  /** Same length as `current`, or empty when nothing precedes the range. */
  previous: TimePoint[];
}

async function series(db: Connector, f: Filters, range: DayRange): Promise<TimePoint[]> {
  const part = GRAIN_PART[f.grain];
  const step = GRAIN_STEP[f.grain];
  const scoped = { ...f, ...range };
  const c = cubeClause(scoped);
  const o = ordersClause(scoped);
  // Every period of the range is on the axis, empty ones as zero.
  return db.query<TimePoint>(
    `WITH axis AS (
       SELECT unnest(range(CAST(date_trunc('${part}', CAST(? AS DATE)) AS TIMESTAMP), CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY, ${step})) AS period
     ),
     rev AS (SELECT CAST(date_trunc('${part}', c.day) AS TIMESTAMP) AS period, sum(c.revenue) AS revenue FROM cube_day c WHERE ${c.sql} GROUP BY 1),
     ord AS (SELECT CAST(date_trunc('${part}', o.day) AS TIMESTAMP) AS period, sum(o.orders) AS orders FROM cube_orders o WHERE ${o.sql} GROUP BY 1)
     SELECT axis.period, coalesce(rev.revenue, 0) AS revenue, coalesce(ord.orders, 0) AS orders
     FROM axis LEFT JOIN rev USING (period) LEFT JOIN ord USING (period)
     ORDER BY axis.period`,
    [range.from, range.to, ...c.params, ...o.params],
  );
}

/** Revenue and orders per day, week or month of the current period, with the previous period. */
export async function salesOverTime(
  db: Connector,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): Promise<SalesOverTime> {
  const [current, previous] = await Promise.all([series(db, f, periods.current), series(db, f, periods.previous)]);
  const hasPrevious = previous.some((p) => p.revenue !== 0 || p.orders !== 0);
  // Align by position: the n-th period before the range sits under the n-th period of it.
  return { current, previous: hasPrevious ? previous.slice(-current.length) : [] };
}
