import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import type { Statement } from '../../statement';
import type { BreakdownDimension } from '../breakdown';
import { compactStatement, conditions, LINE_MEASURES, RATIO, SALES_WITH_COST_CTE, whereOf } from './parts';

// A fixed list: the dimension picks a column name, never user text.
const COLUMN: Record<BreakdownDimension, string> = { category: 'category', region: 'region' };

/**
 * The rows of `breakdown`: per category or region (`label`, null for lines without one) its
 * revenue, previous-period revenue, growth, share, orders, AOV, units, discount and margin,
 * largest first. The filter is applied as given: the page leaves out the breakdown's own
 * dimension (cross-filtering), as `salesAnalyticsSql` does.
 */
export function breakdownSql(
  f: Filters,
  dimension: BreakdownDimension,
  periods: { current: DayRange; previous: DayRange },
): Statement {
  const column = COLUMN[dimension];
  const current = whereOf(conditions({ ...f, ...periods.current }), '  ');
  const previous = whereOf(conditions({ ...f, ...periods.previous }), '  ');
  return compactStatement(
    `
WITH ${SALES_WITH_COST_CTE},
current_period AS (
  SELECT s.${column} AS label,
${LINE_MEASURES}
  FROM sales_with_cost s
${current.sql}
  GROUP BY s.${column}
),
previous_period AS (
  SELECT s.${column} AS label, coalesce(sum(s.revenue), 0) AS revenue
  FROM sales s
${previous.sql}
  GROUP BY s.${column}
)
SELECT m.label,
  m.revenue,
  prev.revenue AS previous_revenue,
  -- Growth needs something to grow from.
  CASE WHEN prev.revenue > 0 THEN (m.revenue - prev.revenue) / prev.revenue END AS growth,
  m.revenue / nullif(sum(m.revenue) OVER (), 0) AS share,
  m.orders,
  ${RATIO.aov} AS aov,
  ${RATIO.units} AS units,
  ${RATIO.discount} AS discount,
  ${RATIO.margin} AS margin
FROM current_period m
LEFT JOIN previous_period prev ON prev.label IS NOT DISTINCT FROM m.label
ORDER BY m.revenue DESC, m.label NULLS LAST`,
    [...current.params, ...previous.params],
  );
}
