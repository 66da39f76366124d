import type { Connector } from '../engine/connector';
import { PRODUCTS_COLUMNS, REJECTS_COLUMNS, SALES_COLUMNS } from '../schema';
import { fieldsFor, type FileOptions } from './options';
import { multilineTable, rowOf, structTable, type ImportRole, type StagedFile } from './stage';
import { dateSql, idSql, ident, numberSql, textSql } from './value-sql';

/** What one file contributed: rows loaded and rejected, returns and cancellations recognised. */
export interface FileResult {
  role: ImportRole;
  name: string;
  loaded: number;
  rejected: number;
  /** Sales lines with a negative quantity (or negative revenue): counted as negative revenue. */
  returns: number;
  /** Lines of cancelled orders (by their status): not loaded, and not rejects either. */
  cancelled: number;
  /** Net revenue of the loaded lines. */
  revenue: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** Fixed names of the tables an import builds before it replaces the live ones. */
export const readyTable = (role: ImportRole) => `import_ready_${role}`;
export const REJECTS_STAGING = 'import_rejects';

const DATE_WORDS: Record<string, string> = {
  ymd: 'year-month-day',
  mdy: 'month/day/year',
  dmy: 'day/month/year',
  named: 'day month-name year',
  serial: 'spreadsheet serial number',
};

/** SQL literal for fixed text (reasons, field names): never user data, which goes in as parameters. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface ParsedField {
  field: string;
  /** Converted value. */
  value: string;
  /** Raw text (NULL when empty), to tell "missing" from "unreadable" and to report it. */
  raw: string;
  reason: string;
}

function parsedFields(staged: StagedFile, options: FileOptions): ParsedField[] {
  const out: ParsedField[] = [];
  for (const spec of fieldsFor(staged.role)) {
    const source = options.mapping[spec.field];
    if (source === undefined) continue;
    const col = ident(source);
    let value: string;
    let reason: string;
    if (spec.kind === 'date') {
      value = dateSql(col, options.dateOrder);
      reason = `Not a date (read as ${DATE_WORDS[options.dateOrder] ?? options.dateOrder})`;
    } else if (spec.kind === 'number') {
      const decimal = options.decimals[spec.field] ?? '.';
      value = numberSql(col, decimal);
      reason = `Not a number (decimal mark "${decimal}")`;
    } else {
      // A time of day stays text here: it is combined with the date in the canonical columns.
      value = spec.kind === 'id' ? idSql(col) : textSql(col);
      reason = '';
    }
    out.push({ field: spec.field, value, raw: textSql(col), reason });
  }
  return out;
}

/** The first problem in a row as 'field|reason', checked in mapping order; NULL when fine. */
function problemSql(
  fields: ParsedField[],
  required: { field: string; reason: string }[],
  extra: { when: string; field: string; reason: string }[],
): string {
  const whens: { when: string; field: string; reason: string }[] = [];
  for (const r of required) whens.push({ when: `NOT p.${r.field}_has`, field: r.field, reason: r.reason });
  for (const f of fields)
    if (f.reason) whens.push({ when: `p.${f.field}_has AND p.${f.field} IS NULL`, field: f.field, reason: f.reason });
  whens.push(...extra);
  if (whens.length === 0) return 'NULL::VARCHAR';
  return `CASE ${whens.map((w) => `WHEN ${w.when} THEN ${lit(`${w.field}|${w.reason}`)}`).join(' ')} END`;
}

const has = (options: FileOptions, field: string) => options.mapping[field] !== undefined;
const col = (options: FileOptions, field: string, type = 'DOUBLE') =>
  has(options, field) ? `p.${field}` : `NULL::${type}`;

/** Canonical sales columns from parsed fields: revenue, price and cost derived where absent. */
function salesSelect(options: FileOptions): Record<string, string> {
  const q = col(options, 'quantity');
  const price = col(options, 'unit_price');
  // Some tills write discounts as negative amounts ("($0.50)"); the size is what counts.
  const rawDiscount = has(options, 'discount') ? 'abs(p.discount)' : 'NULL::DOUBLE';
  const discount =
    options.discount === 'fraction'
      ? rawDiscount
      : options.discount === 'percent'
        ? `(${rawDiscount} / 100)`
        : `(${rawDiscount} / nullif(abs(${q} * ${price}), 0))`;
  // A return written with a positive amount: the amount (and its profit) count negative.
  const flipped = has(options, 'revenue') && has(options, 'quantity') ? '(p.quantity < 0 AND p.revenue > 0)' : 'false';
  const revenue = has(options, 'revenue')
    ? `CASE WHEN ${flipped} THEN -p.revenue ELSE p.revenue END`
    : options.discount === 'amount' && has(options, 'discount')
      ? `(${q} * ${price} - sign(${q}) * coalesce(${rawDiscount}, 0))`
      : `(${q} * ${price} * (1 - coalesce(${discount}, 0)))`;
  const unitPrice = has(options, 'unit_price')
    ? price
    : `(${revenue} / nullif(${q}, 0) / nullif(1 - coalesce(${discount}, 0), 0))`;
  const unitCost = has(options, 'unit_cost')
    ? 'p.unit_cost'
    : has(options, 'profit')
      ? `((${revenue} - CASE WHEN ${flipped} THEN -p.profit ELSE p.profit END) / nullif(${q}, 0))`
      : 'NULL::DOUBLE';
  return {
    transaction_id: has(options, 'transaction_id')
      ? `coalesce(p.transaction_id, 'row-' || p.__row)`
      : `'row-' || p.__row`,
    // A separate time-of-day column is added to a date that has none.
    ts: has(options, 'time')
      ? `CASE WHEN p.ts = date_trunc('day', p.ts) THEN p.ts + coalesce(try_strptime(upper(replace(p.time, '.', '')), ['%H:%M:%S', '%H:%M', '%I:%M %p', '%I:%M:%S %p', '%I:%M%p']) - TIMESTAMP '1900-01-01', INTERVAL 0 SECOND) ELSE p.ts END`
      : 'p.ts',
    customer_id: col(options, 'customer_id', 'VARCHAR'),
    product_id: col(options, 'product_id', 'VARCHAR'),
    product_name: col(options, 'product_name', 'VARCHAR'),
    category: col(options, 'category', 'VARCHAR'),
    region: col(options, 'region', 'VARCHAR'),
    quantity: q,
    unit_price: unitPrice,
    discount: has(options, 'discount') ? discount : 'NULL::DOUBLE',
    revenue,
    unit_cost: unitCost,
  };
}

/**
 * The line of a data row as an editor shows it: the header and skipped lines, rows DuckDB
 * rejected before it, and line breaks inside quoted values of earlier rows.
 */
function lineSql(staged: StagedFile): string {
  const base = staged.lineOffset;
  return `(${base} + c.__row + (SELECT count(*) FROM ${structTable(staged.tag)} s WHERE s.line - ${base} - s.rank < c.__row)
           + (SELECT coalesce(sum(extra), 0) FROM ${multilineTable(staged.tag)} m WHERE m.__row < c.__row))`;
}

/** The editor line of a row DuckDB rejected (it counts records, so earlier quoted line breaks are added). */
function structLineSql(staged: StagedFile): string {
  return `(s.line + (SELECT coalesce(sum(extra), 0) FROM ${multilineTable(staged.tag)} m WHERE m.__row <= s.line - ${staged.lineOffset} - s.rank))`;
}

/**
 * Converts a staged file into its ready table (`import_ready_<role>`) and appends its rejects
 * to `import_rejects`: every row is either loaded, rejected with a reason, or counted as cancelled.
 */
export async function transformFile(db: Connector, staged: StagedFile, options: FileOptions): Promise<FileResult> {
  const fields = parsedFields(staged, options);
  let parsed = [
    `${rowOf(staged, 'p0')} AS __row`,
    ...fields.flatMap((f) => [`${f.value} AS ${f.field}`, `(${f.raw} IS NOT NULL) AS ${f.field}_has`]),
  ].join(',\n       ');
  const sales = staged.role === 'sales';
  const select = sales ? salesSelect(options) : productsSelect(options);
  const columns = sales ? SALES_COLUMNS : PRODUCTS_COLUMNS;
  const required = sales
    ? [{ field: 'ts', reason: 'No date in this row' }]
    : [{ field: 'product_id', reason: 'No product id in this row' }];
  const productIdSql = fields.find((f) => f.field === 'product_id')?.value;
  const extra = sales
    ? [
        ...(has(options, 'revenue')
          ? [{ when: `(${select.revenue}) IS NULL`, field: 'revenue', reason: 'No revenue in this row' }]
          : [
              { when: 'p.quantity IS NULL', field: 'quantity', reason: 'No quantity in this row, so no revenue' },
              {
                when: `(${select.revenue}) IS NULL`,
                field: 'unit_price',
                reason: 'No unit price in this row, so no revenue',
              },
            ]),
        ...(has(options, 'discount')
          ? [
              {
                when: `(${select.discount}) NOT BETWEEN -1e-9 AND 1 + 1e-9`,
                field: 'discount',
                reason: 'Discount outside 0–100%',
              },
            ]
          : []),
      ]
    : [
        {
          when: 'p.__dup > 1',
          field: 'product_id',
          reason: 'Duplicate product id: an earlier row has it, and that one was loaded',
        },
      ];
  if (!sales && productIdSql)
    parsed += `,\n       row_number() OVER (PARTITION BY ${productIdSql} ORDER BY ${rowOf(staged, 'p0')}) AS __dup`;
  const problem = problemSql(fields, required, extra);
  const cancelled =
    sales && has(options, 'status') ? `coalesce(regexp_matches(lower(p.status), 'cancel|void'), false)` : 'false';
  // The raw text of a rejected value, read back from the raw table for the (few) rejected rows.
  const rawValue = `CASE c.bad_field ${fields.map((f) => `WHEN ${lit(f.field)} THEN r.${ident(options.mapping[f.field] ?? '')}`).join(' ')} END`;
  const finalCols = Object.entries(columns)
    .map(([name, type]) => `CAST(${select[name] ?? 'NULL'} AS ${type}) AS ${name}`)
    .join(',\n         ');

  // One pass converts every value (the costly part: regular expressions, date formats) and
  // checks it; only converted values and the verdict are stored, not copies of the text. The
  // rejected and cancelled rows are then deleted and the verdict columns dropped, which
  // leaves the ready table without copying the loaded rows a second time.
  const ready = readyTable(staged.role);
  const steps = [
    `CREATE OR REPLACE TABLE ${ready} AS
     SELECT p.__row, p.bad_field, p.cancelled,
         CASE WHEN p.bad_field IS NOT NULL THEN split_part(p.problem, '|', 2) END AS reason,
         ${finalCols}
     FROM (SELECT p.*, ${problem} AS problem, split_part(problem, '|', 1) AS bad_field, ${cancelled} AS cancelled
           FROM (SELECT ${parsed} FROM ${staged.table} p0) p) p`,
    `CREATE TABLE IF NOT EXISTS ${REJECTS_STAGING} (${REJECTS_COLUMNS})`,
    `INSERT INTO ${REJECTS_STAGING}
       SELECT ${lit(staged.role)}, ${lineSql(staged)}, c.bad_field, NULL, ${rawValue}, c.reason
       FROM ${ready} c JOIN ${staged.table} r ON ${rowOf(staged, 'r')} = c.__row
       WHERE c.bad_field IS NOT NULL`,
    `INSERT INTO ${REJECTS_STAGING}
       SELECT ${lit(staged.role)}, ${structLineSql(staged)}, NULL, column_name, csv_line,
              CASE error_type WHEN 'TOO MANY COLUMNS' THEN 'More fields than the header has' WHEN 'MISSING COLUMNS' THEN 'Fewer fields than the header has'
                              WHEN 'UNQUOTED VALUE' THEN 'A quote in the middle of an unquoted value' WHEN 'INVALID ENCODING' THEN 'Text that is not valid UTF-8'
                              ELSE error_type END || ': ' || error_message
       FROM ${structTable(staged.tag)} s WHERE NOT s.blank`,
  ];
  for (const sql of steps) await db.query(sql);
  const [verdict] = await db.query<Record<string, number | null>>(
    `SELECT count(*) FILTER (WHERE bad_field IS NOT NULL) + ${staged.structuralRejects} AS rejected,
            count(*) FILTER (WHERE bad_field IS NULL AND cancelled) AS cancelled
     FROM ${ready}`,
  );
  await db.query(
    `DELETE FROM ${ready} WHERE bad_field IS NOT NULL OR cancelled;
     ALTER TABLE ${ready} DROP COLUMN __row; ALTER TABLE ${ready} DROP COLUMN bad_field;
     ALTER TABLE ${ready} DROP COLUMN cancelled; ALTER TABLE ${ready} DROP COLUMN reason;`,
  );
  const [row] = await db.query<Record<string, number | null>>(
    `SELECT count(*) AS loaded,
            ${sales ? 'count(*) FILTER (WHERE quantity < 0 OR (quantity IS NULL AND revenue < 0))' : '0'} AS returns,
            ${sales ? 'coalesce(sum(revenue), 0)' : '0'} AS revenue,
            ${sales ? 'min(ts)' : 'NULL'} AS first_ts,
            ${sales ? 'max(ts)' : 'NULL'} AS last_ts
     FROM ${ready}`,
  );
  return {
    role: staged.role,
    name: staged.name,
    loaded: Number(row?.loaded ?? 0),
    rejected: Number(verdict?.rejected ?? 0),
    returns: Number(row?.returns ?? 0),
    cancelled: Number(verdict?.cancelled ?? 0),
    revenue: Number(row?.revenue ?? 0),
    firstTs: row?.first_ts ?? null,
    lastTs: row?.last_ts ?? null,
  };
}

function productsSelect(options: FileOptions): Record<string, string> {
  return {
    product_id: 'p.product_id',
    product_name: col(options, 'product_name', 'VARCHAR'),
    category: col(options, 'category', 'VARCHAR'),
    unit_price: col(options, 'unit_price'),
    unit_cost: col(options, 'unit_cost'),
    stock_on_hand: col(options, 'stock_on_hand'),
    lead_time_days: col(options, 'lead_time_days'),
    supplier: col(options, 'supplier', 'VARCHAR'),
  };
}
