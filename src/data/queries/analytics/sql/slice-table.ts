import type { Filters } from '../../../filters';
import type { Statement } from '../../statement';
import { compactStatement, conditions, LINE_MEASURES, RATIO, SALES_WITH_COST_CTE, whereOf } from './parts';

/**
 * The rows of `sliceTable`: per `category` × `region` (null for lines without one) revenue,
 * orders, units, AOV, discount, margin, returns and share of the slice, largest first.
 */
export function sliceTableSql(f: Filters): Statement {
  const where = whereOf(conditions(f), '  ');
  return compactStatement(
    `
WITH ${SALES_WITH_COST_CTE},
cells AS (
  SELECT s.category, s.region,
${LINE_MEASURES}
  FROM sales_with_cost s
${where.sql}
  GROUP BY s.category, s.region
)
SELECT m.category,
  m.region,
  m.revenue,
  m.orders,
  ${RATIO.units} AS units,
  ${RATIO.aov} AS aov,
  ${RATIO.discount} AS discount,
  ${RATIO.margin} AS margin,
  m.returns,
  m.revenue / nullif(sum(m.revenue) OVER (), 0) AS share
FROM cells m
ORDER BY m.revenue DESC, m.category NULLS LAST, m.region NULLS LAST`,
    where.params,
  );
}
