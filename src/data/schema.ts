/** Canonical `sales` columns and their DuckDB types (ARCHITECTURE.md, "Canonical schema"). */
export const SALES_COLUMNS = {
  transaction_id: 'VARCHAR',
  ts: 'TIMESTAMP',
  customer_id: 'VARCHAR',
  product_id: 'VARCHAR',
  product_name: 'VARCHAR',
  category: 'VARCHAR',
  region: 'VARCHAR',
  quantity: 'DOUBLE',
  unit_price: 'DOUBLE',
  discount: 'DOUBLE',
  revenue: 'DOUBLE',
  unit_cost: 'DOUBLE',
} as const;

/** Canonical `products` columns and their DuckDB types. */
export const PRODUCTS_COLUMNS = {
  product_id: 'VARCHAR',
  product_name: 'VARCHAR',
  category: 'VARCHAR',
  unit_price: 'DOUBLE',
  unit_cost: 'DOUBLE',
  stock_on_hand: 'DOUBLE',
  lead_time_days: 'DOUBLE',
  supplier: 'VARCHAR',
} as const;

export type SalesColumn = keyof typeof SALES_COLUMNS;
export type ProductsColumn = keyof typeof PRODUCTS_COLUMNS;

/**
 * Rows an import could not load: which file (`sales` or `products`), the line, the field it was
 * mapped to (or, for rows DuckDB could not split, the source column it names), the value and why.
 */
export const REJECTS_COLUMNS =
  'role VARCHAR, line BIGINT, field VARCHAR, source_column VARCHAR, value VARCHAR, reason VARCHAR';

function columnList(columns: Record<string, string>): string {
  return Object.entries(columns)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ');
}

/** DDL that (re)creates the empty canonical tables. */
export function createTablesSql(): string {
  return [
    'DROP TABLE IF EXISTS sales;',
    'DROP TABLE IF EXISTS products;',
    'DROP TABLE IF EXISTS rejects;',
    `CREATE TABLE rejects (${REJECTS_COLUMNS});`,
    `CREATE TABLE sales (${columnList(SALES_COLUMNS)});`,
    `CREATE TABLE products (${columnList(PRODUCTS_COLUMNS)});`,
  ].join('\n');
}

/** A DuckDB `columns={...}` struct literal for read_csv with explicit types. */
export function csvColumnsStruct(columns: Record<string, string>): string {
  return `{${Object.entries(columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ')}}`;
}
