/**
 * Tillsight's analytics API: every question the pages ask, as typed functions with their
 * argument and row types, and the SQL each runs (`…Sql` functions return a `Statement`).
 * `API_CALLS` lists them with their documentation, as the API page (`#/api`) shows them.
 *
 * @example
 * const { connector } = await browserEngine();
 * const figures = await kpis(connector, { from: '2025-01-01', categories: [], regions: [], grain: 'month' });
 * const sql = inlineParams(kpisSql({ from: '2025-01-01', categories: [], regions: [], grain: 'month' }));
 */
export * from './types';
export { API_CALLS, API_GROUPS, apiCall } from './registry';

// Common types: the engine seam, filters, periods, statements.
export type { Columns, Connector, Row, SqlParam } from '../data/engine/connector';
export { ALL, type Filters, type Grain } from '../data/filters';
export { resolvePeriods, type DayRange } from '../data/periods';
export { inlineParams, sqlLiteral, type Statement } from '../data/queries/statement';
export type { SalesCube } from '../data/cube/sales-cube';

// Overview.
export * from '../data/queries/kpis';
export * from '../data/queries/revenue-trend';
export * from '../data/queries/revenue-by-dimension';
export * from '../data/queries/top-products';
export * from '../data/queries/recent-transactions';
export * from '../data/queries/overview';

// Sales Analytics: answered from the cube, with SQL giving the same rows.
export * from '../data/queries/analytics';
export * from '../data/queries/analytics/sql';
export * from '../data/queries/slice-transactions';

// Forecasting: the history, and the workers that fit and score the models.
export * from '../data/queries/forecast/daily-series';
export * from '../data/queries/forecast/price-points';
export { forecastInWorkers, type TournamentOutcome } from '../ml/forecast/forecast-client';
export type {
  Decomposition,
  Elasticities,
  ForecastRequest,
  ForecastResponse,
  ForecastWorkerApi,
} from '../ml/forecast/worker-api';

// Customers: RFM and cohorts in SQL, segments and lifetime value in a worker.
export * from '../data/queries/customers/rfm';
export * from '../data/queries/customers/cohorts';
export { analyseInWorker, chooseKInWorker } from '../ml/segment/segment-worker';
export type { SegmentWorkerApi, PackedCustomers } from '../ml/segment/worker-api';
export type { CustomerAnalysis, CustomerAnalysisInput, CustomerAnalysisOptions } from '../ml/segment/analyse';

// Products: per-product figures in SQL, the inventory plan from them.
export * from '../data/queries/products/product-stats';
export * from '../data/queries/products/profitability';
export { inventoryPlan, reorderAlerts, type InventoryOptions, type InventoryRow } from '../ml/inventory/inventory';

// Data: what is loaded, and what the last import left out.
export * from '../data/queries/profile';
export * from '../data/queries/rejects';
export type { ImportWorkerApi } from '../data/import/worker-api';
