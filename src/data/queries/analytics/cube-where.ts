import type { SqlParam } from '../../engine/connector';
import type { Filters } from '../../filters';
import type { Clause } from '../where';

/** Date and region conditions on a cube with a `day` column (alias `c`). */
function dayRegion(f: Filters, parts: string[], params: SqlParam[], alias: string): void {
  if (f.from) {
    parts.push(`${alias}.day >= CAST(? AS DATE)`);
    params.push(f.from);
  }
  if (f.to) {
    parts.push(`${alias}.day <= CAST(? AS DATE)`);
    params.push(f.to);
  }
  if (f.regions.length) {
    parts.push(`${alias}.region IN (${f.regions.map(() => '?').join(', ')})`);
    params.push(...f.regions);
  }
}

/** The filter as a condition on `cube_day` or `cube_hour` (one category per row). */
export function cubeClause(f: Filters, alias = 'c', opts: { dates?: boolean } = {}): Clause {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  dayRegion(opts.dates === false ? { ...f, from: undefined, to: undefined } : f, parts, params, alias);
  if (f.categories.length) {
    parts.push(`${alias}.category IN (${f.categories.map(() => '?').join(', ')})`);
    params.push(...f.categories);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/** The filter as a condition on `cube_orders`: an order counts when it holds a chosen category. */
export function ordersClause(f: Filters, alias = 'o', opts: { dates?: boolean } = {}): Clause {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  dayRegion(opts.dates === false ? { ...f, from: undefined, to: undefined } : f, parts, params, alias);
  if (f.categories.length) {
    parts.push(`len(list_intersect(${alias}.cats, [${f.categories.map(() => 'CAST(? AS VARCHAR)').join(', ')}])) > 0`);
    params.push(...f.categories);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
