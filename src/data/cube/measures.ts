import type { DayCells } from './sales-cube';

/** Sums of the additive day-cell measures over some cells. */
export interface Measures {
  revenue: number;
  units: number;
  unitLines: number;
  lines: number;
  listValue: number;
  paidValue: number;
  costedRevenue: number;
  cost: number;
  returns: number;
  /** Orders summed over cells: exact within one category, an over-count across several. */
  orders: number;
}

/** All zero. */
export function emptyMeasures(): Measures {
  return {
    revenue: 0,
    units: 0,
    unitLines: 0,
    lines: 0,
    listValue: 0,
    paidValue: 0,
    costedRevenue: 0,
    cost: 0,
    returns: 0,
    orders: 0,
  };
}

/** Adds day cell `i` into `m`. */
export function addCell(m: Measures, c: DayCells, i: number): void {
  m.revenue += c.revenue[i]!;
  m.units += c.units[i]!;
  m.unitLines += c.unitLines[i]!;
  m.lines += c.lines[i]!;
  m.listValue += c.listValue[i]!;
  m.paidValue += c.paidValue[i]!;
  m.costedRevenue += c.costedRevenue[i]!;
  m.cost += c.cost[i]!;
  m.returns += c.returns[i]!;
  m.orders += c.orders[i]!;
}

/** The ratios every view shows, null where the data cannot say (no quantity, price or cost). */
export function ratios(
  m: Measures,
  orders: number,
): { units: number | null; aov: number | null; discount: number | null; margin: number | null } {
  return {
    units: m.lines === 0 ? 0 : m.unitLines > 0 ? m.units : null,
    aov: orders > 0 ? m.revenue / orders : null,
    discount: m.listValue > 0 ? 1 - m.paidValue / m.listValue : null,
    margin: m.costedRevenue !== 0 ? (m.costedRevenue - m.cost) / m.costedRevenue : null,
  };
}
