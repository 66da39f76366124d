import type { SqlParam } from '../engine/connector';
import type { Filters } from '../filters';

/** A SQL condition with its positional parameters. */
export interface Clause {
  sql: string;
  params: SqlParam[];
}

/**
 * The category/region part of a filter as a condition on `sales` (alias `s`).
 * Values become parameters, one placeholder each, never SQL text.
 */
export function dimensionClause(f: Pick<Filters, 'categories' | 'regions'>, alias = 's'): Clause {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    parts.push(`${alias}.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('category', f.categories);
  inList('region', f.regions);
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/** The whole filter (dates inclusive, then dimensions) as a condition on `sales` (alias `s`). */
export function salesClause(f: Filters, alias = 's'): Clause {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (f.from) {
    parts.push(`${alias}.ts >= CAST(? AS DATE)`);
    params.push(f.from);
  }
  if (f.to) {
    // Inclusive last day: everything before the next midnight.
    parts.push(`${alias}.ts < CAST(? AS DATE) + INTERVAL 1 DAY`);
    params.push(f.to);
  }
  const dims = dimensionClause(f, alias);
  if (dims.params.length) {
    parts.push(dims.sql);
    params.push(...dims.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
