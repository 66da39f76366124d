import type { Filters } from '../../../filters';
import type { DayRange } from '../../../periods';
import type { Statement } from '../../statement';
import { breakdownSql } from './breakdown';
import { discountBandsSql, discountDaysSql } from './discount-effect';
import { hourOfDaySql } from './hour-of-day';
import { orderValuesSql } from './order-values';
import { regionMonthSql } from './region-month';
import { salesOverTimeSql } from './sales-over-time';
import { sliceTableSql } from './slice-table';
import { summarySql } from './summary';
import { weekdaySql } from './weekday';

/** The SQL behind each view of `SalesAnalytics`, under the same keys. */
export interface SalesAnalyticsSql {
  summary: Statement;
  overTime: Statement;
  regions: Statement;
  categories: Statement;
  regionMonths: Statement;
  weekdays: Statement;
  hours: Statement;
  discount: { days: Statement; bands: Statement };
  orderValues: Statement;
  table: Statement;
}

/**
 * The statements that give the numbers `salesAnalytics` shows for this filter and these
 * periods, each view with the same filter the page applies to it ("view SQL").
 */
export function salesAnalyticsSql(f: Filters, periods: { current: DayRange; previous: DayRange }): SalesAnalyticsSql {
  const cur = { ...f, ...periods.current };
  return {
    summary: summarySql(f, periods),
    overTime: salesOverTimeSql(f, periods),
    // Cross-filtering, as on the page: each breakdown ignores its own dimension's filter.
    regions: breakdownSql({ ...f, regions: [] }, 'region', periods),
    categories: breakdownSql({ ...f, categories: [] }, 'category', periods),
    regionMonths: regionMonthSql(cur),
    weekdays: weekdaySql(f, periods.current),
    hours: hourOfDaySql(cur),
    discount: { days: discountDaysSql(cur), bands: discountBandsSql(cur) },
    orderValues: orderValuesSql(cur),
    table: sliceTableSql(cur),
  };
}
