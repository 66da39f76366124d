import type { Columns, Connector } from '../engine/connector';

/** Day × category × region cells (from `cube_day`). Codes index `categories` / `regions`; -1 = none. */
export interface DayCells {
  length: number;
  day: Int32Array;
  cat: Int32Array;
  region: Int32Array;
  revenue: Float64Array;
  units: Float64Array;
  /** Lines with a quantity: units mean something only where this is above zero. */
  unitLines: Float64Array;
  lines: Float64Array;
  orders: Float64Array;
  listValue: Float64Array;
  paidValue: Float64Array;
  costedRevenue: Float64Array;
  cost: Float64Array;
  returns: Float64Array;
}

/** Day × region × category set × order-value bucket cells (from `cube_orders`). */
export interface OrderCells {
  length: number;
  day: Int32Array;
  region: Int32Array;
  /** Index into `SalesCube.categorySets`. */
  set: Int32Array;
  bucket: Int32Array;
  orders: Float64Array;
  value: Float64Array;
}

/** Day × hour × category × region cells (from `cube_hour`). */
export interface HourCells {
  length: number;
  day: Int32Array;
  hour: Int32Array;
  cat: Int32Array;
  region: Int32Array;
  revenue: Float64Array;
  lines: Float64Array;
}

/**
 * The Sales Analytics cubes held in memory as typed arrays. Each DuckDB statement costs about
 * 10–15 ms in DuckDB-WASM however small, so a page of nine views would take 150 ms or more
 * per filter change; summing a few thousand cells in JavaScript takes about a millisecond.
 */
export interface SalesCube {
  categories: string[];
  regions: string[];
  /** The category codes of each category set that orders hold. */
  categorySets: Int32Array[];
  day: DayCells;
  orders: OrderCells;
  hour: HourCells;
  /** False when every sale is at midnight: the data has dates without times. */
  timed: boolean;
  /** First and last day with sales (day numbers). */
  firstDay: number;
  lastDay: number;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** YYYY-MM-DD of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const DICTS = `
  cats AS (SELECT category, CAST(row_number() OVER (ORDER BY category) - 1 AS INTEGER) AS code
           FROM (SELECT DISTINCT category FROM cube_day WHERE category IS NOT NULL)),
  regs AS (SELECT region, CAST(row_number() OVER (ORDER BY region) - 1 AS INTEGER) AS code
           FROM (SELECT DISTINCT region FROM cube_day WHERE region IS NOT NULL)),
  sets AS (SELECT cats AS names, CAST(row_number() OVER (ORDER BY cats) - 1 AS INTEGER) AS id
           FROM (SELECT DISTINCT cats FROM cube_orders))`;

const DAY_ID = `CAST(c.day - DATE '1970-01-01' AS INTEGER)`;

function typed<T>(columns: Columns, name: string, make: (a: ArrayLike<number>) => T): T {
  const column = columns[name];
  if (!column) throw new Error(`The cube query returned no column ${name}.`);
  return make(column as ArrayLike<number>);
}
const i32 = (columns: Columns, name: string) =>
  typed(columns, name, (a) => (a instanceof Int32Array ? a : Int32Array.from(a)));
const f64 = (columns: Columns, name: string) =>
  typed(columns, name, (a) => (a instanceof Float64Array ? a : Float64Array.from(a)));

/** Reads the cubes that `buildCubes` made into memory (one statement per cube). */
export async function loadSalesCube(db: Connector): Promise<SalesCube> {
  const dictRows = await db.query<{ kind: string; name: string | null; names: string[] | null; code: number }>(
    `WITH ${DICTS}
     SELECT 'category' AS kind, category AS name, NULL AS names, code FROM cats
     UNION ALL SELECT 'region', region, NULL, code FROM regs
     UNION ALL SELECT 'set', NULL, names, id FROM sets
     ORDER BY kind, code`,
  );
  const categories = dictRows.filter((r) => r.kind === 'category').map((r) => r.name ?? '');
  const regions = dictRows.filter((r) => r.kind === 'region').map((r) => r.name ?? '');
  const code = new Map(categories.map((c, i) => [c, i]));
  const categorySets = dictRows
    .filter((r) => r.kind === 'set')
    .map((r) => Int32Array.from((r.names ?? []).map((n) => code.get(n) ?? -1).filter((c) => c >= 0)));

  const d = await db.queryColumns(
    `WITH ${DICTS}
     SELECT ${DAY_ID} AS day, coalesce(cats.code, -1) AS cat, coalesce(regs.code, -1) AS region,
            CAST(coalesce(c.revenue, 0) AS DOUBLE) AS revenue, CAST(coalesce(c.units, 0) AS DOUBLE) AS units,
            CAST(c.unit_lines AS DOUBLE) AS unit_lines, CAST(c.lines AS DOUBLE) AS lines, CAST(c.orders AS DOUBLE) AS orders,
            CAST(coalesce(c.list_value, 0) AS DOUBLE) AS list_value, CAST(coalesce(c.paid_value, 0) AS DOUBLE) AS paid_value,
            CAST(coalesce(c.costed_revenue, 0) AS DOUBLE) AS costed_revenue, CAST(coalesce(c.cost, 0) AS DOUBLE) AS cost,
            CAST(coalesce(c.returns, 0) AS DOUBLE) AS returns
     FROM cube_day c LEFT JOIN cats USING (category) LEFT JOIN regs USING (region)`,
  );
  const o = await db.queryColumns(
    `WITH ${DICTS}
     SELECT ${DAY_ID} AS day, coalesce(regs.code, -1) AS region, sets.id AS set, c.bucket,
            CAST(c.orders AS DOUBLE) AS orders, CAST(c.value AS DOUBLE) AS value
     FROM cube_orders c LEFT JOIN regs USING (region) JOIN sets ON sets.names = c.cats`,
  );
  const h = await db.queryColumns(
    `WITH ${DICTS}
     SELECT ${DAY_ID} AS day, c.hour, coalesce(cats.code, -1) AS cat, coalesce(regs.code, -1) AS region,
            CAST(c.revenue AS DOUBLE) AS revenue, CAST(c.lines AS DOUBLE) AS lines
     FROM cube_hour c LEFT JOIN cats USING (category) LEFT JOIN regs USING (region)`,
  );
  const hour: HourCells = {
    length: i32(h, 'day').length,
    day: i32(h, 'day'),
    hour: i32(h, 'hour'),
    cat: i32(h, 'cat'),
    region: i32(h, 'region'),
    revenue: f64(h, 'revenue'),
    lines: f64(h, 'lines'),
  };
  return {
    categories,
    regions,
    categorySets,
    day: {
      length: i32(d, 'day').length,
      day: i32(d, 'day'),
      cat: i32(d, 'cat'),
      region: i32(d, 'region'),
      revenue: f64(d, 'revenue'),
      units: f64(d, 'units'),
      unitLines: f64(d, 'unit_lines'),
      lines: f64(d, 'lines'),
      orders: f64(d, 'orders'),
      listValue: f64(d, 'list_value'),
      paidValue: f64(d, 'paid_value'),
      costedRevenue: f64(d, 'costed_revenue'),
      cost: f64(d, 'cost'),
      returns: f64(d, 'returns'),
    },
    orders: {
      length: i32(o, 'day').length,
      day: i32(o, 'day'),
      region: i32(o, 'region'),
      set: i32(o, 'set'),
      bucket: i32(o, 'bucket'),
      orders: f64(o, 'orders'),
      value: f64(o, 'value'),
    },
    hour,
    timed: hour.hour.some((x) => x !== 0),
    firstDay: i32(d, 'day').reduce((a, b) => Math.min(a, b), Infinity),
    lastDay: i32(d, 'day').reduce((a, b) => Math.max(a, b), -Infinity),
  };
}
