import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import { GRAIN_PART, GRAIN_STEP, IS_SALE_LINE } from '../../fragments';
import type { Statement } from '../../statement';
import { andOf, compactStatement, dimensionConditions } from './parts';

/**
 * The points of `salesOverTime`, told apart by `series` ('current' | 'previous'), then the
 * `TimePoint` fields (`period` is the start of the day, week or month). Every period of the
 * current range is there, empty ones as zero; the previous period is moved forward by the
 * current range's length onto the days it compares with, and left out when it holds nothing.
 */
export function salesOverTimeSql(f: Filters, periods: { current: DayRange; previous: DayRange }): Statement {
  const part = GRAIN_PART[f.grain];
  const step = GRAIN_STEP[f.grain];
  const dims = andOf(dimensionConditions(f), '    ');
  const { current, previous } = periods;
  return compactStatement(
    `
WITH bounds AS (
  SELECT CAST(? AS DATE) AS current_from, CAST(? AS DATE) AS current_to,
         CAST(? AS DATE) AS previous_from, CAST(? AS DATE) AS previous_to
),
ranges (series, first_day, last_day, shift_days) AS (
  -- Each previous day moves forward by the current range's length, onto the day it compares with.
  SELECT 'current', current_from, current_to, 0 FROM bounds
  UNION ALL
  SELECT 'previous', previous_from, previous_to, CAST(current_to - current_from + 1 AS INTEGER) FROM bounds
),
axis AS (
  SELECT CAST(unnest(generate_series(date_trunc('${part}', current_from), current_to, ${step})) AS DATE) AS period
  FROM bounds
),
sums AS (
  SELECT r.series, date_trunc('${part}', CAST(s.ts AS DATE) + r.shift_days) AS period,
    sum(s.revenue) AS revenue,
    count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders
  FROM ranges r
  JOIN sales s ON CAST(s.ts AS DATE) BETWEEN r.first_day AND r.last_day
${dims.sql}
  GROUP BY r.series, period
),
points AS (
  SELECT r.series, a.period, coalesce(x.revenue, 0) AS revenue, coalesce(x.orders, 0) AS orders
  FROM ranges r
  CROSS JOIN axis a
  LEFT JOIN sums x ON x.series = r.series AND x.period = a.period
)
SELECT series, period, revenue, orders
FROM points
-- A previous period without sales has nothing to compare with: it is left out.
WHERE series = 'current'
   OR EXISTS (SELECT 1 FROM points p WHERE p.series = 'previous' AND (p.revenue <> 0 OR p.orders <> 0))
ORDER BY series, period`,
    [current.from, current.to, previous.from, previous.to, ...dims.params],
  );
}
