/**
 * SQL pieces shared by query modules. They are constants of our own making, never user
 * input, so composing them as text is safe; user values still go in as parameters.
 */

/** A sale line, as opposed to a return or cancellation (negative quantity or revenue). */
export const IS_SALE_LINE = '(coalesce(s.quantity, 0) >= 0 AND coalesce(s.revenue, 0) >= 0)';

/**
 * `sales` with each line's unit cost, taken from the line when present, else from the
 * `products` table. Products are collapsed to one row each so a duplicated product id in
 * a stock file can never double-count sales.
 */
export const SALES_WITH_COST = `(
  SELECT s.*, coalesce(s.unit_cost, p.unit_cost) AS line_unit_cost
  FROM sales s
  LEFT JOIN (SELECT product_id, any_value(unit_cost) AS unit_cost FROM products GROUP BY product_id) p
    USING (product_id)
)`;

/** SQL for the date_trunc part of each grain; the grain is checked against this list. */
export const GRAIN_PART = { day: 'day', week: 'week', month: 'month' } as const;

/** SQL interval of one step of each grain. */
export const GRAIN_STEP = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAY', month: 'INTERVAL 1 MONTH' } as const;
