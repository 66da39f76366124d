import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';
import { breakdown, type BreakdownRow } from './breakdown';
import { discountEffect, type DiscountBand, type DiscountDay } from './discount-effect';
import { hourOfDay, type HourPoint } from './hour-of-day';
import { orderValueHistogram, type OrderValueBin } from './order-values';
import { regionByMonth, type RegionMonthCell } from './region-month';
import { salesOverTime, type SalesOverTime } from './sales-over-time';
import { sliceTable, type SliceRow } from './slice-table';
import { sliceSummaries, type SliceSummary } from './summary';
import { weekdayPattern, type WeekdayPoint } from './weekday';

/** Everything the Sales Analytics page shows for one filter. */
export interface SalesAnalytics {
  periods: { current: DayRange; previous: DayRange };
  summary: { current: SliceSummary; previous: SliceSummary };
  overTime: SalesOverTime;
  regions: BreakdownRow[];
  categories: BreakdownRow[];
  regionMonths: RegionMonthCell[];
  weekdays: WeekdayPoint[];
  hours: HourPoint[] | null;
  discount: { days: DiscountDay[]; bands: DiscountBand[] };
  orderValues: OrderValueBin[];
  table: SliceRow[];
}

/** Answers every Sales Analytics view for a filter from the in-memory cube (a few ms in all). */
export function salesAnalytics(
  cube: SalesCube,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): SalesAnalytics {
  const cur = { ...f, ...periods.current };
  return {
    periods,
    summary: sliceSummaries(cube, f, periods),
    overTime: salesOverTime(cube, f, periods),
    // Each breakdown ignores its own dimension's filter (cross-filtering): the chosen bars are
    // highlighted among the others, so more can be added with a click.
    regions: breakdown(cube, { ...f, regions: [] }, 'region', periods),
    categories: breakdown(cube, { ...f, categories: [] }, 'category', periods),
    regionMonths: regionByMonth(cube, cur),
    weekdays: weekdayPattern(cube, f, periods.current),
    hours: hourOfDay(cube, cur),
    discount: discountEffect(cube, cur),
    orderValues: orderValueHistogram(cube, cur),
    table: sliceTable(cube, cur),
  };
}
