import type { Connector } from '../../engine/connector';
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

/** Runs every Sales Analytics view for a filter, all from the pre-aggregated cubes. */
export async function salesAnalytics(
  db: Connector,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): Promise<SalesAnalytics> {
  const cur = { ...f, ...periods.current };
  const [summary, overTime, regions, categories, regionMonths, weekdays, hours, discount, orderValues, table] =
    await Promise.all([
      sliceSummaries(db, f, periods),
      salesOverTime(db, f, periods),
      breakdown(db, f, 'region', periods),
      breakdown(db, f, 'category', periods),
      regionByMonth(db, cur),
      weekdayPattern(db, f, periods.current),
      hourOfDay(db, cur),
      discountEffect(db, cur),
      orderValueHistogram(db, cur),
      sliceTable(db, cur),
    ]);
  return { periods, summary, overTime, regions, categories, regionMonths, weekdays, hours, discount, orderValues, table };
}
