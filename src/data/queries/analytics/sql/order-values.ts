import { ORDER_VALUE_BUCKETS_PER_DOUBLING } from '../../../cube/build-cubes';
import type { Filters } from '../../../filters';
import { IS_SALE_LINE } from '../../fragments';
import type { Statement } from '../../statement';
import { compactStatement, conditions } from './parts';

/**
 * The bins of `orderValueHistogram`: orders whose value is in [`lower`, `upper`), four bins
 * per doubling, from the lowest bin holding an order to the highest (empty ones between as
 * zero). An order counts when one of its sale lines is in the slice; its value is the whole
 * order's.
 */
export function orderValuesSql(f: Filters): Statement {
  const slice = conditions(f);
  const perDoubling = ORDER_VALUE_BUCKETS_PER_DOUBLING;
  // Without a filter every order counts: no condition to show.
  const having = slice.length ? `  HAVING bool_or(${slice.map((c) => c.sql).join('\n                 AND ')})` : '';
  return compactStatement(
    `
WITH orders AS (
  SELECT s.transaction_id, sum(s.revenue) AS value
  FROM sales s
  WHERE ${IS_SALE_LINE}
  GROUP BY s.transaction_id
${having}
),
per_bin AS (
  -- Orders under $1 share the first bin, so a free order does not stretch the axis to $0.
  SELECT CAST(floor(log2(greatest(value, 1)) * ${perDoubling}) AS INTEGER) AS bin, count(*) AS orders
  FROM orders
  GROUP BY bin
),
bins AS (
  SELECT unnest(range(min(bin), max(bin) + 1)) AS bin FROM per_bin
)
SELECT pow(2, b.bin / ${perDoubling}) AS lower,
  pow(2, (b.bin + 1) / ${perDoubling}) AS upper,
  coalesce(p.orders, 0) AS orders
FROM bins b
LEFT JOIN per_bin p USING (bin)
ORDER BY b.bin`,
    slice.flatMap((c) => c.params),
  );
}
