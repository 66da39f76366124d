import { compileFilter, keeps } from '../../cube/cube-filter';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';

/** Revenue and lines sold in one hour of the day (0–23), summed over the range. */
export interface HourPoint extends Record<string, unknown> {
  hour: number;
  revenue: number;
  lines: number;
}

/**
 * Revenue by hour of day, or null when the data has dates only (every line at midnight),
 * so the page can say so instead of showing one bar at 00:00.
 */
export function hourOfDay(cube: SalesCube, f: Filters): HourPoint[] | null {
  if (!cube.timed) return null;
  const cf = compileFilter(cube, f);
  const points = Array.from({ length: 24 }, (_, hour): HourPoint => ({ hour, revenue: 0, lines: 0 }));
  const h = cube.hour;
  for (let i = 0; i < h.length; i++) {
    if (!keeps(cf, h.day[i]!, h.cat[i]!, h.region[i]!)) continue;
    const p = points[h.hour[i]!];
    if (p) {
      p.revenue += h.revenue[i]!;
      p.lines += h.lines[i]!;
    }
  }
  return points;
}
