import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { kpis, type KpiComparison } from './kpis';
import { recentTransactions, type RecentTransaction } from './recent-transactions';
import { revenueByCategory, revenueByRegion, type DimensionRevenue } from './revenue-by-dimension';
import { revenueTrend, type TrendPoint } from './revenue-trend';
import { topProducts, type TopProduct } from './top-products';

/** Everything the Overview page shows, for one filter. Plain JSON, so it can be cached. */
export interface OverviewData {
  kpis: KpiComparison;
  trend: TrendPoint[];
  categories: DimensionRevenue[];
  regions: DimensionRevenue[];
  topProducts: TopProduct[];
  recent: RecentTransaction[];
}

/** Runs the Overview's queries (DuckDB's worker runs them one after another). */
export async function overview(db: Connector, f: Filters): Promise<OverviewData> {
  const [k, trend, categories, regions, top, recent] = await Promise.all([
    kpis(db, f),
    revenueTrend(db, f),
    revenueByCategory(db, f),
    revenueByRegion(db, f),
    topProducts(db, f, 10),
    recentTransactions(db, f, 20),
  ]);
  return { kpis: k, trend, categories, regions, topProducts: top, recent };
}
