import { kpis, kpisSql } from '../../data/queries/kpis';
import { recentTransactions, recentTransactionsSql } from '../../data/queries/recent-transactions';
import {
  revenueByCategory,
  revenueByCategorySql,
  revenueByRegion,
  revenueByRegionSql,
} from '../../data/queries/revenue-by-dimension';
import { revenueTrend, revenueTrendSql } from '../../data/queries/revenue-trend';
import { topProducts, topProductsSql } from '../../data/queries/top-products';
import { fixedParam, SLICE, SLICE_BY_PERIOD } from '../params';
import { limited, tagged } from '../rows';
import type { ApiCall } from '../types';

const TOP = 10;
const RECENT = 20;

/** The Overview's questions. */
export const OVERVIEW_CALLS: readonly ApiCall[] = [
  {
    name: 'overview.kpis',
    group: 'Overview',
    summary: 'Net revenue, orders, customers, units, average order value and gross margin, against the period before.',
    signature: 'kpis(db, filters)',
    returns: 'KpiComparison',
    engine: 'DuckDB',
    note: 'Ratios (AOV, margin) are worked out from the sums the SQL returns.',
    params: SLICE,
    statements: (i) => [kpisSql(i.filters)],
    run: async (c) => {
      const k = await kpis(c.db, c.filters);
      return limited([
        tagged('current', { ...k.period, ...k.current }),
        tagged('previous', { ...k.previousPeriod, ...k.previous }),
      ]);
    },
  },
  {
    name: 'overview.revenueTrend',
    group: 'Overview',
    summary: 'Net revenue and orders per day, week or month, with empty periods as zero.',
    signature: 'revenueTrend(db, filters)',
    returns: 'TrendPoint[]',
    engine: 'DuckDB',
    params: SLICE_BY_PERIOD,
    statements: (i) => [revenueTrendSql(i.filters)],
    run: async (c) => limited(await revenueTrend(c.db, c.filters)),
  },
  {
    name: 'overview.revenueByCategory',
    group: 'Overview',
    summary: 'Net revenue, orders and share of revenue per category, largest first.',
    signature: 'revenueByCategory(db, filters)',
    returns: 'DimensionRevenue[]',
    engine: 'DuckDB',
    params: SLICE,
    statements: (i) => [revenueByCategorySql(i.filters)],
    run: async (c) => limited(await revenueByCategory(c.db, c.filters)),
  },
  {
    name: 'overview.revenueByRegion',
    group: 'Overview',
    summary: 'Net revenue, orders and share of revenue per region, largest first.',
    signature: 'revenueByRegion(db, filters)',
    returns: 'DimensionRevenue[]',
    engine: 'DuckDB',
    params: SLICE,
    statements: (i) => [revenueByRegionSql(i.filters)],
    run: async (c) => limited(await revenueByRegion(c.db, c.filters)),
  },
  {
    name: 'overview.topProducts',
    group: 'Overview',
    summary: 'The best-selling products by net revenue, with units and share.',
    signature: 'topProducts(db, filters, limit)',
    returns: 'TopProduct[]',
    engine: 'DuckDB',
    params: [...SLICE, fixedParam('limit', 'number', 'How many products, best first.', TOP)],
    statements: (i) => [topProductsSql(i.filters, TOP)],
    run: async (c) => limited(await topProducts(c.db, c.filters, TOP)),
  },
  {
    name: 'overview.recentTransactions',
    group: 'Overview',
    summary: 'The latest transactions: when, who, where, units and revenue.',
    signature: 'recentTransactions(db, filters, limit)',
    returns: 'RecentTransaction[]',
    engine: 'DuckDB',
    params: [...SLICE, fixedParam('limit', 'number', 'How many transactions, newest first.', RECENT)],
    statements: (i) => [recentTransactionsSql(i.filters, RECENT)],
    run: async (c) => limited(await recentTransactions(c.db, c.filters, RECENT)),
  },
];
