import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';
import { cubeClause } from './cube-where';

/** Average revenue on one weekday (ISO: 1 = Monday … 7 = Sunday). */
export interface WeekdayPoint extends Record<string, unknown> {
  weekday: number;
  /** Revenue on that weekday divided by how many of them the range has (days without sales count). */
  avg_revenue: number;
  revenue: number;
  days: number;
}

/** The weekly pattern: mean revenue per Monday, Tuesday, … in the range. */
export function weekdayPattern(db: Connector, f: Filters, range: DayRange): Promise<WeekdayPoint[]> {
  const c = cubeClause({ ...f, ...range });
  return db.query<WeekdayPoint>(
    `WITH days AS (
       SELECT CAST(isodow(d) AS INTEGER) AS weekday, count(*) AS days
       FROM (SELECT unnest(range(CAST(CAST(? AS DATE) AS TIMESTAMP), CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS d)
       GROUP BY 1
     ),
     rev AS (SELECT CAST(isodow(c.day) AS INTEGER) AS weekday, sum(c.revenue) AS revenue FROM cube_day c WHERE ${c.sql} GROUP BY 1)
     SELECT days.weekday, coalesce(rev.revenue, 0) / days.days AS avg_revenue, coalesce(rev.revenue, 0) AS revenue, days.days
     FROM days LEFT JOIN rev USING (weekday) ORDER BY days.weekday`,
    [range.from, range.to, ...c.params],
  );
}
