import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { cubeClause } from './cube-where';

/** Revenue of one region in one month. */
export interface RegionMonthCell extends Record<string, unknown> {
  region: string | null;
  /** First day of the month (epoch ms, UTC). */
  month: number;
  revenue: number;
}

/** Region × month revenue for a heatmap (months without sales in a region are absent). */
export function regionByMonth(db: Connector, f: Filters): Promise<RegionMonthCell[]> {
  const c = cubeClause(f);
  return db.query<RegionMonthCell>(
    `SELECT c.region, CAST(date_trunc('month', c.day) AS TIMESTAMP) AS month, sum(c.revenue) AS revenue
     FROM cube_day c WHERE ${c.sql}
     GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2`,
    c.params,
  );
}
