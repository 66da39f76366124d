import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import type { Statement } from '../../statement';
import {
  andOf,
  compactStatement,
  dimensionConditions,
  LINE_MEASURES,
  periodsCte,
  RATIO,
  SALES_WITH_COST_CTE,
} from './parts';

/**
 * The headline figures of `sliceSummaries` for the current and the previous period: one row
 * each, told apart by `period` ('current' | 'previous'), then the `SliceSummary` fields.
 * Dates come from the periods; categories and regions from the filter.
 */
export function summarySql(f: Filters, periods: { current: DayRange; previous: DayRange }): Statement {
  const bounds = periodsCte(periods);
  const dims = andOf(dimensionConditions(f), '    ');
  return compactStatement(
    `
WITH ${bounds.sql},
${SALES_WITH_COST_CTE},
measures AS (
  SELECT p.period,
${LINE_MEASURES}
  FROM periods p
  JOIN sales_with_cost s ON CAST(s.ts AS DATE) BETWEEN p.first_day AND p.last_day
${dims.sql}
  GROUP BY p.period
)
-- A period without sales still gets its row: zeros, and no ratios.
SELECT p.period,
  coalesce(m.revenue, 0) AS revenue,
  coalesce(m.orders, 0) AS orders,
  ${RATIO.units} AS units,
  ${RATIO.aov} AS aov,
  ${RATIO.margin} AS margin,
  ${RATIO.discount} AS discount,
  coalesce(m.returns, 0) AS returns
FROM periods p
LEFT JOIN measures m USING (period)
ORDER BY p.period`,
    [...bounds.params, ...dims.params],
  );
}
