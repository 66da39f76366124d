import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { cubeClause } from './cube-where';

/** Revenue and lines sold in one hour of the day (0–23), summed over the range. */
export interface HourPoint extends Record<string, unknown> {
  hour: number;
  revenue: number;
  lines: number;
}

/**
 * Revenue by hour of day, or null when the data has dates only (every line at midnight),
 * so the page can say so instead of showing one bar at 00:00.
 */
export async function hourOfDay(db: Connector, f: Filters): Promise<HourPoint[] | null> {
  const c = cubeClause(f);
  const rows = await db.query<HourPoint & { timed: boolean }>(
    `SELECT h.hour, coalesce(x.revenue, 0) AS revenue, coalesce(x.lines, 0) AS lines,
            (SELECT bool_or(hour <> 0) FROM cube_hour) AS timed
     FROM (SELECT unnest(range(0, 24)) AS hour) h
     LEFT JOIN (SELECT c.hour, sum(c.revenue) AS revenue, sum(c.lines) AS lines FROM cube_hour c WHERE ${c.sql} GROUP BY 1) x
       ON x.hour = h.hour
     ORDER BY h.hour`,
    c.params,
  );
  if (!rows[0]?.timed) return null;
  return rows.map(({ hour, revenue, lines }) => ({ hour, revenue, lines }));
}
