import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';
import { cubeClause, ordersClause } from './cube-where';

/** Headline figures of a slice, answered from the cubes. */
export interface SliceSummary {
  revenue: number;
  orders: number;
  units: number | null;
  aov: number | null;
  margin: number | null;
  /** Mean discount off list price, weighted by list value (null without prices). */
  discount: number | null;
  returns: number;
}

interface SummaryRow extends Record<string, unknown> {
  revenue: number | null;
  units: number | null;
  lines: number;
  list_value: number | null;
  paid_value: number | null;
  costed_revenue: number | null;
  cost: number | null;
  returns: number | null;
  orders: number | null;
}

/** Revenue, orders, units, AOV, margin and discount for a slice (dates as given). */
export async function sliceSummary(db: Connector, f: Filters): Promise<SliceSummary> {
  const c = cubeClause(f);
  const o = ordersClause(f);
  const [row] = await db.query<SummaryRow>(
    `SELECT sum(revenue) AS revenue, sum(units) AS units, coalesce(sum(lines), 0) AS lines,
            sum(list_value) AS list_value, sum(paid_value) AS paid_value,
            sum(costed_revenue) AS costed_revenue, sum(cost) AS cost, sum(returns) AS returns,
            (SELECT sum(orders) FROM cube_orders o WHERE ${o.sql}) AS orders
     FROM cube_day c WHERE ${c.sql}`,
    [...o.params, ...c.params],
  );
  return summaryOf(row);
}

/** The same figures for the current and the previous period. */
export async function sliceSummaries(
  db: Connector,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): Promise<{ current: SliceSummary; previous: SliceSummary }> {
  const [current, previous] = await Promise.all([
    sliceSummary(db, { ...f, ...periods.current }),
    sliceSummary(db, { ...f, ...periods.previous }),
  ]);
  return { current, previous };
}

function summaryOf(row: SummaryRow | undefined): SliceSummary {
  const revenue = row?.revenue ?? 0;
  const orders = row?.orders ?? 0;
  return {
    revenue,
    orders,
    units: row?.lines ? row.units : 0,
    aov: orders > 0 ? revenue / orders : null,
    margin: row?.costed_revenue && row.cost != null ? (row.costed_revenue - row.cost) / row.costed_revenue : null,
    discount: row?.list_value ? 1 - (row.paid_value ?? 0) / row.list_value : null,
    returns: row?.returns ?? 0,
  };
}
