import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';
import { cubeClause, ordersClause } from './cube-where';

/** Figures of one category or region in the slice, with its growth against the previous period. */
export interface BreakdownRow extends Record<string, unknown> {
  /** The category or region; null for lines without one. */
  label: string | null;
  revenue: number;
  previous_revenue: number | null;
  /** Relative change against the previous period; null when there was nothing before. */
  growth: number | null;
  /** Share of the slice's revenue. */
  share: number | null;
  orders: number;
  aov: number | null;
  units: number | null;
  /** Mean discount off list price (list-value weighted). */
  discount: number | null;
  margin: number | null;
}

/** The dimensions a breakdown can be taken over (a fixed list: never user text in SQL). */
export type BreakdownDimension = 'category' | 'region';

/**
 * Revenue, growth, share, orders, AOV, units, discount and margin per category or region.
 * Orders per category come from `cube_day` (exact per category); per region from
 * `cube_orders`, so an order that spans categories counts once.
 */
export async function breakdown(
  db: Connector,
  f: Filters,
  dimension: BreakdownDimension,
  periods: { current: DayRange; previous: DayRange },
): Promise<BreakdownRow[]> {
  const col = dimension === 'category' ? 'category' : 'region';
  const cur = cubeClause({ ...f, ...periods.current });
  const prev = cubeClause({ ...f, ...periods.previous });
  const ord = ordersClause({ ...f, ...periods.current });
  const orders =
    dimension === 'category'
      ? { sql: `SELECT c.category AS label, sum(c.orders) AS orders FROM cube_day c WHERE ${cur.sql} GROUP BY 1`, params: cur.params }
      : { sql: `SELECT o.region AS label, sum(o.orders) AS orders FROM cube_orders o WHERE ${ord.sql} GROUP BY 1`, params: ord.params };
  return db.query<BreakdownRow>(
    `WITH cur AS (
       SELECT c.${col} AS label, sum(c.revenue) AS revenue, sum(c.units) AS units,
              sum(c.list_value) AS list_value, sum(c.paid_value) AS paid_value,
              sum(c.costed_revenue) AS costed_revenue, sum(c.cost) AS cost
       FROM cube_day c WHERE ${cur.sql} GROUP BY 1
     ),
     prev AS (SELECT c.${col} AS label, sum(c.revenue) AS revenue FROM cube_day c WHERE ${prev.sql} GROUP BY 1),
     ord AS (${orders.sql})
     SELECT cur.label, cur.revenue, prev.revenue AS previous_revenue,
            CASE WHEN prev.revenue > 0 THEN (cur.revenue - prev.revenue) / prev.revenue END AS growth,
            cur.revenue / nullif(sum(cur.revenue) OVER (), 0) AS share,
            coalesce(ord.orders, 0) AS orders,
            cur.revenue / nullif(ord.orders, 0) AS aov,
            cur.units,
            1 - cur.paid_value / nullif(cur.list_value, 0) AS discount,
            (cur.costed_revenue - cur.cost) / nullif(cur.costed_revenue, 0) AS margin
     FROM cur
     LEFT JOIN prev ON prev.label IS NOT DISTINCT FROM cur.label
     LEFT JOIN ord ON ord.label IS NOT DISTINCT FROM cur.label
     ORDER BY cur.revenue DESC, cur.label NULLS LAST`,
    [...cur.params, ...prev.params, ...orders.params],
  );
}
