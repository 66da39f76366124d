import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import type { Statement } from '../../statement';
import { compactStatement, conditions, whereOf } from './parts';

/**
 * The points of `weekdayPattern`: per ISO `weekday` (1 = Monday … 7 = Sunday) the revenue of
 * the slice in `range`, the number of such `days` in the range that the data covers (sales
 * or not) and `avg_revenue`, their quotient. Dates come from `range`, not the filter.
 */
export function weekdaySql(f: Filters, range: DayRange): Statement {
  const where = whereOf(conditions({ ...f, ...range }), '  ');
  return compactStatement(
    `
WITH data_span AS (
  SELECT CAST(min(ts) AS DATE) AS first_day, CAST(max(ts) AS DATE) AS last_day FROM sales
),
calendar AS (
  -- Every day of the range the data covers, sales in the slice or not: a range reaching past
  -- the data would dilute the averages.
  SELECT CAST(unnest(generate_series(greatest(CAST(? AS DATE), first_day),
                                     least(CAST(? AS DATE), last_day), INTERVAL 1 DAY)) AS DATE) AS day
  FROM data_span
  WHERE first_day IS NOT NULL
),
days_per_weekday AS (
  SELECT isodow(day) AS weekday, count(*) AS days FROM calendar GROUP BY weekday
),
revenue_per_weekday AS (
  SELECT isodow(s.ts) AS weekday, sum(s.revenue) AS revenue
  FROM sales s
${where.sql}
  GROUP BY weekday
)
SELECT d.weekday,
  coalesce(r.revenue, 0) / d.days AS avg_revenue,
  coalesce(r.revenue, 0) AS revenue,
  d.days
FROM days_per_weekday d
LEFT JOIN revenue_per_weekday r USING (weekday)
ORDER BY d.weekday`,
    [range.from, range.to, ...where.params],
  );
}
