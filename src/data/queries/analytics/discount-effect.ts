import { compileFilter, keeps } from '../../cube/cube-filter';
import { dayToMs } from '../../cube/periods-of-days';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';

/** One day of the slice: its mean discount and how much sold. */
export interface DiscountDay extends Record<string, unknown> {
  day: number;
  discount: number;
  units: number;
  revenue: number;
}

/** Days grouped by how deep the discount was, with what an average such day sold. */
export interface DiscountBand extends Record<string, unknown> {
  band: string;
  /** Lower edge of the band (fraction), for ordering. */
  lower: number;
  days: number;
  units_per_day: number;
  revenue_per_day: number;
}

/** Does promotion lift sales? Per-day discount (list-value weighted) vs units, and the same in bands. */
export function discountEffect(cube: SalesCube, f: Filters): { days: DiscountDay[]; bands: DiscountBand[] } {
  const cf = compileFilter(cube, f);
  const c = cube.day;
  const byDay = new Map<number, { list: number; paid: number; units: number; revenue: number }>();
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const d = byDay.get(c.day[i]!) ?? { list: 0, paid: 0, units: 0, revenue: 0 };
    d.list += c.listValue[i]!;
    d.paid += c.paidValue[i]!;
    d.units += c.units[i]!;
    d.revenue += c.revenue[i]!;
    byDay.set(c.day[i]!, d);
  }
  const days = [...byDay.entries()]
    .filter(([, d]) => d.list > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([day, d]): DiscountDay => ({
      day: dayToMs(day),
      discount: 1 - d.paid / d.list,
      units: d.units,
      revenue: d.revenue,
    }));
  return { days, bands: bandsOf(days) };
}

const BANDS = [
  // From -∞: cent rounding can leave an undiscounted day a hair below zero.
  { band: 'no discount (< 1%)', lower: -Infinity, upper: 0.01 },
  { band: '1–5%', lower: 0.01, upper: 0.05 },
  { band: '5–10%', lower: 0.05, upper: 0.1 },
  { band: '10–20%', lower: 0.1, upper: 0.2 },
  { band: '20% or more', lower: 0.2, upper: Infinity },
];

function bandsOf(days: DiscountDay[]): DiscountBand[] {
  return BANDS.map(({ band, lower, upper }) => {
    const inBand = days.filter((d) => d.discount >= lower && d.discount < upper);
    const n = inBand.length;
    return {
      band,
      lower,
      days: n,
      units_per_day: n ? inBand.reduce((a, d) => a + d.units, 0) / n : 0,
      revenue_per_day: n ? inBand.reduce((a, d) => a + d.revenue, 0) / n : 0,
    };
  }).filter((b) => b.days > 0);
}
