import type { Filters } from '../../../filters';
import type { Statement } from '../../statement';
import { compactStatement, conditions, whereOf } from './parts';

/**
 * The cells of `regionByMonth`: `region` (null for lines without one), `month` (its first
 * day) and `revenue`, by region then month. Months without sales in a region are absent.
 */
export function regionMonthSql(f: Filters): Statement {
  const where = whereOf(conditions(f));
  return compactStatement(
    `
SELECT s.region,
  CAST(date_trunc('month', s.ts) AS DATE) AS month,
  coalesce(sum(s.revenue), 0) AS revenue
FROM sales s
${where.sql}
GROUP BY s.region, month
ORDER BY s.region NULLS LAST, month`,
    where.params,
  );
}
