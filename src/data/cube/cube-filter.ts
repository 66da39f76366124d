import type { Filters } from '../filters';
import type { DayRange } from '../periods';
import { dayNumber, type SalesCube } from './sales-cube';

/** A filter compiled against one cube: day bounds and, per code, whether it is kept. */
export interface CellFilter {
  from: number;
  to: number;
  /** Kept category codes, or null for all (rows without a category included). */
  cat: Uint8Array | null;
  region: Uint8Array | null;
  /** Kept category sets of orders: those holding at least one chosen category. */
  set: Uint8Array | null;
}

function mask(names: readonly string[], dictionary: readonly string[]): Uint8Array | null {
  if (names.length === 0) return null;
  const wanted = new Set(names);
  return Uint8Array.from(dictionary, (name) => (wanted.has(name) ? 1 : 0));
}

/** Compiles a filter (dates from `range` when given, else the filter's own, open = unbounded). */
export function compileFilter(cube: SalesCube, f: Filters, range?: DayRange): CellFilter {
  const from = range?.from ?? f.from;
  const to = range?.to ?? f.to;
  const cat = mask(f.categories, cube.categories);
  return {
    from: from ? dayNumber(from) : -Infinity,
    to: to ? dayNumber(to) : Infinity,
    cat,
    region: mask(f.regions, cube.regions),
    set: cat ? Uint8Array.from(cube.categorySets, (codes) => (codes.some((c) => cat[c] === 1) ? 1 : 0)) : null,
  };
}

/** Whether a cell with this day, category code and region code is in the slice. */
export function keeps(cf: CellFilter, day: number, cat: number, region: number): boolean {
  return (
    day >= cf.from &&
    day <= cf.to &&
    (cf.cat === null || (cat >= 0 && cf.cat[cat] === 1)) &&
    (cf.region === null || (region >= 0 && cf.region[region] === 1))
  );
}

/** Whether an order cell (day, region, category set) is in the slice. */
export function keepsOrder(cf: CellFilter, day: number, region: number, set: number): boolean {
  return (
    day >= cf.from &&
    day <= cf.to &&
    (cf.set === null || cf.set[set] === 1) &&
    (cf.region === null || (region >= 0 && cf.region[region] === 1))
  );
}
