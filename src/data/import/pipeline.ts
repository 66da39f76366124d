import type { Connector } from '../engine/connector';
import { ImportError, isOutOfMemory, throwIfCancelled } from './errors';
import { missingRequired, type FileOptions } from './options';
import { dropStaged, type ImportRole, type StagedFile } from './stage';
import { readyTable, REJECTS_STAGING, transformFile, type FileResult } from './transform';

/** A staged file and how to map it. */
export interface PlannedFile {
  staged: StagedFile;
  options: FileOptions;
}

/** What to load: sales, and optionally a products file. */
export interface ImportPlan {
  sales: PlannedFile;
  products?: PlannedFile;
}

/** The outcome of a load that replaced the live tables. */
export interface ImportSummary {
  sales: FileResult;
  products?: FileResult;
  loaded: number;
  rejected: number;
}

const ROLES: ImportRole[] = ['sales', 'products'];

/** Drops the tables a load built on the side, and the staged files'; the live tables are untouched. */
async function dropImportTables(db: Connector, plan: ImportPlan): Promise<void> {
  for (const file of [plan.sales, plan.products]) if (file) await dropStaged(db, file.staged);
  await db.query([...ROLES.map(readyTable), REJECTS_STAGING].map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'));
}

async function firstReject(db: Connector, options: FileOptions): Promise<string> {
  const [r] = await db.query<{
    line: number;
    field: string | null;
    source_column: string | null;
    value: string | null;
    reason: string;
  }>(
    `SELECT line, field, source_column, value, reason FROM ${REJECTS_STAGING} WHERE role = 'sales' ORDER BY line LIMIT 1`,
  );
  if (!r) return '';
  const where = r.source_column ?? (r.field ? (options.mapping[r.field] ?? r.field) : '');
  return ` The first, on line ${r.line}${where ? `, column ${where}` : ''}: ${r.reason}${r.value != null ? ` ("${r.value.slice(0, 60)}")` : ''}.`;
}

/**
 * Converts the staged files and, only when that succeeded and was not cancelled, replaces the
 * live `sales`, `products` and `rejects` tables in one transaction. Anything short of that
 * leaves the live tables exactly as they were.
 */
export async function runImport(db: Connector, plan: ImportPlan, signal?: AbortSignal): Promise<ImportSummary> {
  const name = plan.sales.staged.name;
  for (const file of [plan.sales, plan.products]) {
    if (!file) continue;
    const missing = missingRequired(file.options);
    if (missing.length > 0) {
      const code =
        file.staged.role === 'products' ? 'no-product-id' : !file.options.mapping.ts ? 'no-date' : 'no-revenue';
      throw new ImportError(
        code,
        file.staged.name,
        `${file.staged.name} needs ${missing.join(' and ')}: map one in the table below.`,
      );
    }
  }
  try {
    await db.query(`DROP TABLE IF EXISTS ${REJECTS_STAGING}`);
    const sales = await transformFile(db, plan.sales.staged, plan.sales.options);
    throwIfCancelled(signal, name);
    if (sales.loaded === 0) {
      throw new ImportError(
        'no-rows',
        name,
        `None of the ${sales.rejected + sales.cancelled} rows of ${name} could be loaded.${await firstReject(db, plan.sales.options)}`,
      );
    }
    const products = plan.products ? await transformFile(db, plan.products.staged, plan.products.options) : undefined;
    throwIfCancelled(signal, name);
    // One statement list, so no dashboard query runs in the middle of the swap (the engine
    // takes one request at a time); a failure rolls the whole swap back.
    try {
      await db.query(
        `BEGIN TRANSACTION;
         DROP TABLE IF EXISTS sales; ALTER TABLE ${readyTable('sales')} RENAME TO sales;
         DROP TABLE IF EXISTS products;
         ${products ? `ALTER TABLE ${readyTable('products')} RENAME TO products;` : `CREATE TABLE products AS SELECT * FROM (SELECT NULL::VARCHAR AS product_id, NULL::VARCHAR AS product_name, NULL::VARCHAR AS category, NULL::DOUBLE AS unit_price, NULL::DOUBLE AS unit_cost, NULL::DOUBLE AS stock_on_hand, NULL::DOUBLE AS lead_time_days, NULL::VARCHAR AS supplier) WHERE false;`}
         DROP TABLE IF EXISTS rejects; ALTER TABLE ${REJECTS_STAGING} RENAME TO rejects;
         COMMIT;`,
      );
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    // The live tables are replaced: cleaning up can no longer fail the import.
    await dropImportTables(db, plan).catch(() => undefined);
    return {
      sales,
      products,
      loaded: sales.loaded + (products?.loaded ?? 0),
      rejected: sales.rejected + (products?.rejected ?? 0),
    };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (isOutOfMemory(err)) {
      throw new ImportError(
        'out-of-memory',
        name,
        `${name} is too big for the memory this browser gives the page. Import a shorter period or fewer columns.`,
        { cause: err },
      );
    }
    const detail = err instanceof Error ? err.message.replace(/^Query failed: /, '') : String(err);
    throw new ImportError('unreadable', name, `${name} could not be loaded: ${detail}`, { cause: err });
  } finally {
    // The staged raw tables stay (the user may change the mapping and try again); what this
    // attempt built on the side goes.
    await db
      .query(
        [readyTable('sales'), readyTable('products'), REJECTS_STAGING]
          .map((t) => `DROP TABLE IF EXISTS ${t};`)
          .join('\n'),
      )
      .catch(() => undefined);
  }
}
