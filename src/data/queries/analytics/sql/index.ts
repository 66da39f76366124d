/**
 * SQL over the base `sales` and `products` tables giving the same numbers as the Sales
 * Analytics views answered from the cube: what "view SQL" opens and the API page shows.
 * Each result's columns are the cube row type's fields; where the cube nests, a column
 * (`period`, `series`) tells the parts apart.
 */
export { breakdownSql } from './breakdown';
export { discountBandsSql, discountDaysSql } from './discount-effect';
export { hourOfDaySql } from './hour-of-day';
export { orderValuesSql } from './order-values';
export { regionMonthSql } from './region-month';
export { salesAnalyticsSql, type SalesAnalyticsSql } from './sales-analytics';
export { salesOverTimeSql } from './sales-over-time';
export { sliceTableSql } from './slice-table';
export { summarySql } from './summary';
export { weekdaySql } from './weekday';
