import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { SALES_WITH_COST } from '../fragments';
import { statement, type Statement } from '../statement';
import { salesClause } from '../where';

/** Revenue and margin sums of one group of lines, as the SQL gives them. */
export interface MarginSums extends Record<string, unknown> {
  revenue: number;
  /** Revenue of the lines whose unit cost is known: the base of the margin. */
  costed_revenue: number;
  /** Null when no line has a cost. */
  margin: number | null;
  lines: number;
}

/** A row of {@link marginByCategorySql}: a {@link MarginRow} before `margin_pct` is worked out. */
export interface MarginSqlRow extends MarginSums {
  label: string;
  /** For ordering bands: the band's lower edge (fraction); 0 for categories. */
  lower: number;
}

/** Gross margin of one group of lines (a category, or a band of discount depth). */
export interface MarginRow extends MarginSqlRow {
  /** Margin as a fraction of costed revenue; null when no line has a cost. */
  margin_pct: number | null;
}

const MARGIN = `
  sum(s.revenue) AS revenue,
  coalesce(sum(s.revenue) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL), 0) AS costed_revenue,
  sum(s.revenue - s.quantity * s.line_unit_cost) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS margin,
  CAST(count(*) AS INTEGER) AS lines`;

/** The SQL behind {@link marginByCategory}: one {@link MarginSqlRow} per category. */
export function marginByCategorySql(f: Filters): Statement {
  const where = salesClause(f);
  return statement(
    `
SELECT coalesce(s.category, '(no category)') AS label, 0 AS lower,${MARGIN}
FROM ${SALES_WITH_COST} s
WHERE ${where.sql}
GROUP BY 1
ORDER BY revenue DESC, label`,
    where.params,
  );
}

/** Gross margin by category over the filter's slice (lines without a cost are left out of the margin, not counted as free). */
export async function marginByCategory(db: Connector, f: Filters): Promise<MarginRow[]> {
  const { sql, params } = marginByCategorySql(f);
  const rows = await db.query<MarginSqlRow>(sql, params);
  return rows.map(withPct);
}

/** Upper edges of the discount bands (fractions): none, up to 5%, 10%, 20%, 30%, and deeper. */
const BAND_EDGES = [0, 0.05, 0.1, 0.2, 0.3];

/** A row of {@link marginByDiscountSql}: the sums of one discount band, by its index (0 = no discount). */
export interface DiscountMarginSqlRow extends MarginSums {
  /** 0 for no discount, i for a discount up to the i-th edge, the number of edges for deeper. */
  band: number;
}

/** The SQL behind {@link marginByDiscount}: one {@link DiscountMarginSqlRow} per discount band with lines. */
export function marginByDiscountSql(f: Filters): Statement {
  const where = salesClause(f);
  const bands = BAND_EDGES.map((edge, i) => `WHEN coalesce(s.discount, 0) <= ${edge} THEN ${i}`).join(
    '\n                 ',
  );
  return statement(
    `
SELECT CAST(CASE ${bands}
                 ELSE ${BAND_EDGES.length} END AS INTEGER) AS band,${MARGIN}
FROM ${SALES_WITH_COST} s
WHERE ${where.sql} AND coalesce(s.quantity, 0) >= 0
GROUP BY 1
ORDER BY 1`,
    where.params,
  );
}

/**
 * Gross margin by how deep the line's discount was: what discounting does to margin. Sale
 * lines only (a return's discount says nothing about pricing); lines without a discount
 * value count as undiscounted.
 */
export async function marginByDiscount(db: Connector, f: Filters): Promise<MarginRow[]> {
  const { sql, params } = marginByDiscountSql(f);
  const rows = await db.query<DiscountMarginSqlRow>(sql, params);
  return rows.map((r) => {
    const i = Number(r.band);
    const lower = i === 0 ? 0 : BAND_EDGES[i - 1]!;
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const label =
      i === 0 ? 'No discount' : i < BAND_EDGES.length ? `${pct(lower)}–${pct(BAND_EDGES[i]!)}` : `Over ${pct(lower)}`;
    return withPct({ ...r, label, lower });
  });
}

function withPct(r: MarginSqlRow): MarginRow {
  const costed = Number(r.costed_revenue ?? 0);
  const margin = r.margin === null || r.margin === undefined ? null : Number(r.margin);
  return {
    ...r,
    revenue: Number(r.revenue ?? 0),
    costed_revenue: costed,
    margin,
    margin_pct: margin !== null && costed > 0 ? margin / costed : null,
    lines: Number(r.lines),
  };
}
