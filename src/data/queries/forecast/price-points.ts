import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { statement, type Statement } from '../statement';
import { dimensionClause } from '../where';

/** Units sold and the price paid relative to each product's usual price, per category and day. */
export interface PricePoints {
  categories: string[];
  /** Per row: index into `categories`, day ('YYYY-MM-DD'), units, price index. */
  category: Int32Array;
  day: string[];
  units: Float64Array;
  /**
   * Σ units × price actually paid ÷ Σ units × the product's median list price: 0.9 means the
   * day's sales went at 10% below the usual price, through discounts or price changes.
   */
  priceIndex: Float64Array;
}

/** A row of {@link pricePointsSql}: one category and day. */
export interface PricePointSqlRow extends Record<string, unknown> {
  cat: string;
  /** 'YYYY-MM-DD'. */
  day: string;
  units: number;
  price_index: number;
}

/** The SQL behind {@link pricePoints}: one {@link PricePointSqlRow} per category and day with sales. */
export function pricePointsSql(f: Pick<Filters, 'categories' | 'regions'>): Statement {
  const dims = dimensionClause(f);
  return statement(
    `
    WITH f AS (
      SELECT CAST(s.ts AS DATE) AS day, coalesce(s.category, '(no category)') AS cat,
             coalesce(s.product_id, s.product_name, '') AS product, s.quantity, s.unit_price, coalesce(s.discount, 0) AS discount
      FROM sales s WHERE ${dims.sql} AND s.quantity > 0 AND s.unit_price > 0
    ),
    ref AS (SELECT product, median(unit_price) AS ref FROM f GROUP BY 1),
    d AS (
      SELECT cat, day, sum(quantity) AS units,
             sum(quantity * unit_price * (1 - discount)) / sum(quantity * ref.ref) AS price_index
      FROM f JOIN ref USING (product) GROUP BY 1, 2
    )
    SELECT cat, strftime(day, '%Y-%m-%d') AS day, CAST(units AS DOUBLE) AS units, CAST(price_index AS DOUBLE) AS price_index
    FROM d WHERE price_index > 0 ORDER BY cat, day`,
    dims.params,
  );
}

/**
 * The observations a price elasticity is estimated from. Needs quantity and unit price;
 * products are told apart by id, else name. Returns are left out: they are not demand.
 */
export async function pricePoints(db: Connector, f: Pick<Filters, 'categories' | 'regions'>): Promise<PricePoints> {
  const { sql, params } = pricePointsSql(f);
  const cols = await db.queryColumns(sql, params);
  const cats = Array.from(cols.cat ?? []) as string[];
  const categories = [...new Set(cats)];
  const index = new Map(categories.map((c, i) => [c, i]));
  return {
    categories,
    category: Int32Array.from(cats, (c) => index.get(c)!),
    day: Array.from(cols.day ?? []) as string[],
    units: Float64Array.from((cols.units ?? []) as ArrayLike<number>),
    priceIndex: Float64Array.from((cols.price_index ?? []) as ArrayLike<number>),
  };
}
