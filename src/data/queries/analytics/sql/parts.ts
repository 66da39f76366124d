/**
 * SQL pieces shared by the Sales Analytics statements. They restate `build-cubes.ts` and
 * `cube/measures.ts` over the base tables, so a statement gives the numbers its chart shows.
 * Our own constants only: user values still go in as parameters.
 */
import type { SqlParam } from '../../../engine/connector';
import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import { IS_SALE_LINE, SALES_WITH_COST } from '../../fragments';
import { statement, type Statement } from '../../statement';
import { dimensionClause, type Clause } from '../../where';

/** `sales` with each line's unit cost (its own, else its product's), as a CTE named `sales_with_cost`. */
export const SALES_WITH_COST_CTE = `sales_with_cost AS ${SALES_WITH_COST}`;

/**
 * The additive measures of a group of lines (alias `s`, from `sales_with_cost`), one per
 * line of the select list at the indent of a CTE's select: the cube's day-cell columns.
 */
export const LINE_MEASURES = `    count(*) AS lines,
    coalesce(sum(s.revenue), 0) AS revenue,
    coalesce(sum(s.quantity), 0) AS units,
    count(s.quantity) AS unit_lines,
    -- Orders with a sale line in the group: an order holding several of its categories counts once.
    count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders,
    -- List value and what was paid for it, over sold lines that have a list price.
    sum(s.quantity * s.unit_price) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS list_value,
    sum(s.revenue) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS paid_value,
    -- Revenue and cost over the lines whose cost is known.
    sum(s.revenue) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_revenue,
    sum(s.quantity * s.line_unit_cost) AS cost,
    coalesce(sum(s.revenue) FILTER (WHERE NOT ${IS_SALE_LINE}), 0) AS returns`;

/**
 * The ratios of `cube/measures.ts` over a row `m` of LINE_MEASURES: null where the data
 * cannot say (no quantity, price or cost column), units 0 where there are no lines at all.
 */
export const RATIO = {
  units: 'CASE WHEN coalesce(m.lines, 0) = 0 THEN 0 WHEN m.unit_lines > 0 THEN m.units END',
  aov: 'CASE WHEN m.orders > 0 THEN m.revenue / m.orders END',
  discount: 'CASE WHEN m.list_value > 0 THEN 1 - m.paid_value / m.list_value END',
  margin: 'CASE WHEN m.costed_revenue <> 0 THEN (m.costed_revenue - m.cost) / m.costed_revenue END',
} as const;

/**
 * The filter as conditions on `sales` (alias `s`), one per part that filters: the days
 * (inclusive, by the UTC wall-clock date the cube buckets by), the categories, the regions.
 */
export function conditions(f: Pick<Filters, 'from' | 'to' | 'categories' | 'regions'>): Clause[] {
  const days: Clause[] =
    f.from && f.to
      ? [{ sql: 'CAST(s.ts AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)', params: [f.from, f.to] }]
      : f.from
        ? [{ sql: 'CAST(s.ts AS DATE) >= CAST(? AS DATE)', params: [f.from] }]
        : f.to
          ? [{ sql: 'CAST(s.ts AS DATE) <= CAST(? AS DATE)', params: [f.to] }]
          : [];
  return [...days, ...dimensionConditions(f)];
}

/** The category and region conditions alone, for statements that take their days from periods. */
export function dimensionConditions(f: Pick<Filters, 'categories' | 'regions'>): Clause[] {
  return [
    dimensionClause({ categories: f.categories, regions: [] }),
    dimensionClause({ categories: [], regions: f.regions }),
  ].filter((c) => c.params.length > 0);
}

/** `WHERE` and the conditions, one per line at `indent`; nothing when there are none. */
export function whereOf(conds: readonly Clause[], indent = ''): Clause {
  return {
    sql: conds.map((c, i) => `${indent}${i === 0 ? 'WHERE' : '  AND'} ${c.sql}`).join('\n'),
    params: conds.flatMap((c) => c.params),
  };
}

/** The conditions as `AND` lines at `indent`, to follow a fixed condition; nothing when there are none. */
export function andOf(conds: readonly Clause[], indent = ''): Clause {
  return {
    sql: conds.map((c) => `${indent}AND ${c.sql}`).join('\n'),
    params: conds.flatMap((c) => c.params),
  };
}

/** The current and previous periods as a CTE `periods (period, first_day, last_day)`. */
export function periodsCte(periods: { current: DayRange; previous: DayRange }): Clause {
  return {
    sql: `periods (period, first_day, last_day) AS (
  VALUES ('current', CAST(? AS DATE), CAST(? AS DATE)),
         ('previous', CAST(? AS DATE), CAST(? AS DATE))
)`,
    params: [periods.current.from, periods.current.to, periods.previous.from, periods.previous.to],
  };
}

/**
 * A statement from SQL laid out in the source, with the lines a left-out condition emptied
 * dropped (the shared `statement` removes the common indent), so the API page and the console show it tidy.
 */
export function compactStatement(sql: string, params: readonly SqlParam[]): Statement {
  return statement(
    sql
      .split('\n')
      .filter((line) => line.trim() !== '')
      .join('\n'),
    params,
  );
}
