import type { Filters } from '../../../filters';
import type { Statement } from '../../statement';
import { compactStatement, conditions, whereOf } from './parts';

/**
 * The points of `hourOfDay`: every `hour` 0–23 with the slice's `revenue` and `lines`. Where
 * the data has dates only (every line in hour 0) it returns no rows at all, the cube's null:
 * the page says so instead of showing one bar at 00:00.
 */
export function hourOfDaySql(f: Filters): Statement {
  const where = whereOf(conditions(f), '  ');
  return compactStatement(
    `
WITH hours AS (
  SELECT CAST(unnest(range(24)) AS INTEGER) AS hour
),
per_hour AS (
  SELECT hour(s.ts) AS hour, sum(s.revenue) AS revenue, count(*) AS lines
  FROM sales s
${where.sql}
  GROUP BY hour
)
SELECT h.hour, coalesce(p.revenue, 0) AS revenue, coalesce(p.lines, 0) AS lines
FROM hours h
LEFT JOIN per_hour p USING (hour)
-- The whole dataset, not the slice, decides whether there are times to show.
WHERE EXISTS (SELECT 1 FROM sales WHERE hour(ts) <> 0)
ORDER BY h.hour`,
    where.params,
  );
}
