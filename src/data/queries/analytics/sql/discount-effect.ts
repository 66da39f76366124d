import type { Filters } from '../../../filters';
import type { Statement } from '../../statement';
import type { Clause } from '../../where';
import { compactStatement, conditions, whereOf } from './parts';

/** The days of the slice that have list prices, each with its list-value-weighted discount. */
function discountDaysCte(f: Filters): Clause {
  const where = whereOf(conditions(f), '  ');
  return {
    sql: `per_day AS (
  SELECT CAST(s.ts AS DATE) AS day,
    sum(s.quantity * s.unit_price) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS list_value,
    sum(s.revenue) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS paid_value,
    coalesce(sum(s.quantity), 0) AS units,
    coalesce(sum(s.revenue), 0) AS revenue
  FROM sales s
${where.sql}
  GROUP BY day
),
discount_days AS (
  -- A day without list prices has no discount to speak of.
  SELECT day, 1 - coalesce(paid_value, 0) / list_value AS discount, units, revenue
  FROM per_day
  WHERE list_value > 0
)`,
    params: where.params,
  };
}

/** The points of `discountEffect(…).days`: per `day` its `discount` off list price, `units` and `revenue`. */
export function discountDaysSql(f: Filters): Statement {
  const days = discountDaysCte(f);
  return compactStatement(
    `
WITH ${days.sql}
SELECT day, discount, units, revenue
FROM discount_days
ORDER BY day`,
    days.params,
  );
}

/**
 * The rows of `discountEffect(…).bands`: days grouped by how deep their discount was (`band`,
 * `lower` edge), with how many (`days`) and what such a day sold (`units_per_day`,
 * `revenue_per_day`). Bands without days are absent.
 */
export function discountBandsSql(f: Filters): Statement {
  const days = discountDaysCte(f);
  return compactStatement(
    `
WITH ${days.sql},
bands (band, lower, upper) AS (
  -- From minus infinity: cent rounding can leave an undiscounted day a hair below zero.
  VALUES ('no discount (< 1%)', CAST('-infinity' AS DOUBLE), 0.01),
         ('1–5%', 0.01, 0.05),
         ('5–10%', 0.05, 0.1),
         ('10–20%', 0.1, 0.2),
         ('20% or more', 0.2, CAST('infinity' AS DOUBLE))
)
SELECT b.band, b.lower,
  count(*) AS days,
  avg(d.units) AS units_per_day,
  avg(d.revenue) AS revenue_per_day
FROM bands b
JOIN discount_days d ON d.discount >= b.lower AND d.discount < b.upper
GROUP BY b.band, b.lower
ORDER BY b.lower`,
    days.params,
  );
}
