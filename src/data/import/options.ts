import type { Connector } from '../engine/connector';
import { decideDayMonth, type ColumnProfile } from './column-profile';
import { PRODUCTS_FIELDS, SALES_FIELDS, type FieldSpec, type ProductsField, type SalesField } from './fields';
import { autoMap, type Mapping } from './mapping';
import type { ImportRole, StagedFile } from './stage';
import { ident } from './value-sql';
import type { DateOrder, DecimalMark } from './value-shapes';

/** How discounts are written: a fraction (0.2), a percentage (20) or a money amount. */
export type DiscountKind = 'fraction' | 'percent' | 'amount';

/** Everything needed to turn a staged file into canonical rows; stored with the file to rebuild it. */
export interface FileOptions {
  role: ImportRole;
  mapping: Mapping;
  /** Order of the date column's fields (sales only). */
  dateOrder: DateOrder;
  /** True when no value decided between day-first and month-first: the user should confirm. */
  dateOrderAmbiguous: boolean;
  /** Decimal mark per mapped numeric field. */
  decimals: Record<string, DecimalMark>;
  discount: DiscountKind;
}

/** The fields a role can map, in mapping order. */
export function fieldsFor(role: ImportRole): readonly FieldSpec<SalesField | ProductsField>[] {
  return role === 'sales' ? SALES_FIELDS : PRODUCTS_FIELDS;
}

function column(staged: StagedFile, name: string | undefined): ColumnProfile | undefined {
  return name === undefined ? undefined : staged.columns.find((c) => c.name === name);
}

/** Counts, over every row, dates whose first or second part is above 12: what decides d/m from m/d. */
async function dayMonthEvidence(
  db: Connector,
  staged: StagedFile,
  name: string,
): Promise<{ first: number; second: number; sep: string }> {
  const c = ident(name);
  const [row] = await db.query<{ first: number; second: number; sep: string | null }>(
    `SELECT count(*) FILTER (WHERE TRY_CAST(regexp_extract(trim(${c}), '^(\\d{1,2})[./-]\\d{1,2}[./-]\\d', 1) AS INTEGER) > 12) AS first,
            count(*) FILTER (WHERE TRY_CAST(regexp_extract(trim(${c}), '^\\d{1,2}[./-](\\d{1,2})[./-]\\d', 1) AS INTEGER) > 12) AS second,
            any_value(regexp_extract(trim(${c}), '^\\d{1,2}([./-])', 1)) AS sep
     FROM ${staged.table}`,
  );
  return { first: Number(row?.first ?? 0), second: Number(row?.second ?? 0), sep: row?.sep ?? '/' };
}

function discountKind(header: string | undefined, profile: ColumnProfile | undefined): DiscountKind {
  if (!header || !profile) return 'fraction';
  if (profile.percentShare > 0.5) return 'percent';
  if (profile.currencyShare > 0.5 || /amount|amt|value|betrag|importe|montant/i.test(header)) return 'amount';
  const max = profile.maxAbs ?? 0;
  if (max <= 1) return 'fraction';
  return max <= 100 ? 'percent' : 'amount';
}

/** Proposes the mapping and formats for a staged file (the user may change them before loading). */
export async function proposeOptions(db: Connector, staged: StagedFile): Promise<FileOptions> {
  const mapping = autoMap(fieldsFor(staged.role), staged.columns) as Mapping;
  return completeOptions(db, staged, mapping);
}

/** Formats for a given mapping: decided from the data of the mapped columns. */
export async function completeOptions(
  db: Connector,
  staged: StagedFile,
  mapping: Mapping,
  previous?: Partial<FileOptions>,
): Promise<FileOptions> {
  const decimals: Record<string, DecimalMark> = {};
  for (const spec of fieldsFor(staged.role)) {
    const profile = column(staged, mapping[spec.field]);
    if (spec.kind === 'number' && profile) decimals[spec.field] = previous?.decimals?.[spec.field] ?? profile.decimal;
  }
  let dateOrder: DateOrder = 'ymd';
  let dateOrderAmbiguous = false;
  const ts = column(staged, mapping.ts);
  if (ts?.dateOrder) {
    dateOrder = ts.dateOrder;
    if (dateOrder === 'mdy' || dateOrder === 'dmy') {
      const evidence = await dayMonthEvidence(db, staged, ts.name);
      dateOrder = decideDayMonth(evidence.first, evidence.second, evidence.sep);
      dateOrderAmbiguous = evidence.first === 0 && evidence.second === 0;
    }
  }
  // The user's choice stands (it is how an ambiguous order gets decided).
  if (previous?.dateOrder) dateOrder = previous.dateOrder;
  return {
    role: staged.role,
    mapping,
    dateOrder,
    dateOrderAmbiguous,
    decimals,
    discount: previous?.discount ?? discountKind(mapping.discount, column(staged, mapping.discount)),
  };
}

/** What is missing for a load to go ahead, in words; empty when the mapping is complete. */
export function missingRequired(options: FileOptions): string[] {
  const m = options.mapping;
  if (options.role === 'products') return m.product_id ? [] : ['a product id column'];
  const missing: string[] = [];
  if (!m.ts) missing.push('a date column');
  if (!m.revenue && !(m.quantity && m.unit_price)) missing.push('a revenue column, or both quantity and unit price');
  return missing;
}
