import { productStats, productStatsSql } from '../../data/queries/products/product-stats';
import {
  marginByCategory,
  marginByCategorySql,
  marginByDiscount,
  marginByDiscountSql,
} from '../../data/queries/products/profitability';
import { inventoryPlan, STATUS_LABELS } from '../../ml/inventory/inventory';
import { fixedParam, SLICE } from '../params';
import { columnsToRows, limited } from '../rows';
import type { ApiCall } from '../types';

const WINDOW = 56;
const SERVICE_LEVEL = 95;
const windowParam = fixedParam(
  'options.windowDays',
  'number',
  'Days of the demand window (velocity, its spread, and the trend against the window before).',
  WINDOW,
);

/** The Products page's questions. */
export const PRODUCT_CALLS: readonly ApiCall[] = [
  {
    name: 'products.stats',
    group: 'Products',
    summary: 'Each product’s revenue, units, cost and margin in the slice, and its demand and stock over the window.',
    signature: 'productStats(db, filters, { windowDays })',
    returns: 'ProductStatsColumns',
    engine: 'DuckDB',
    params: [...SLICE, windowParam],
    statements: (i) => [productStatsSql(i.filters, { windowDays: WINDOW })],
    run: async (c) => {
      const s = await productStats(c.db, c.filters, { windowDays: WINDOW });
      return columnsToRows(s, s.length);
    },
  },
  {
    name: 'products.marginByCategory',
    group: 'Products',
    summary: 'Revenue, costed revenue, gross margin and margin % per category.',
    signature: 'marginByCategory(db, filters)',
    returns: 'MarginRow[]',
    engine: 'DuckDB',
    params: SLICE,
    statements: (i) => [marginByCategorySql(i.filters)],
    run: async (c) => limited(await marginByCategory(c.db, c.filters)),
  },
  {
    name: 'products.marginByDiscount',
    group: 'Products',
    summary: 'Gross margin by how deep each line’s discount was.',
    signature: 'marginByDiscount(db, filters)',
    returns: 'MarginRow[]',
    engine: 'DuckDB',
    params: SLICE,
    statements: (i) => [marginByDiscountSql(i.filters)],
    run: async (c) => limited(await marginByDiscount(c.db, c.filters)),
  },
  {
    name: 'products.inventoryPlan',
    group: 'Products',
    summary:
      'Velocity, safety stock, reorder point, days of cover, stock-out day, order quantity and status per product.',
    signature: 'inventoryPlan(productStats(db, filters, { windowDays }), { serviceLevel })',
    returns: 'InventoryRow[]',
    engine: 'page',
    note: 'Worked out per product from the rows of the SQL (formulas on the Products page).',
    params: [
      ...SLICE,
      windowParam,
      fixedParam(
        'options.serviceLevel',
        '90 | 95 | 99',
        'Cycle service level in percent, for the safety stock.',
        SERVICE_LEVEL,
      ),
    ],
    statements: (i) => [productStatsSql(i.filters, { windowDays: WINDOW })],
    run: async (c) => {
      const s = await productStats(c.db, c.filters, { windowDays: WINDOW });
      return limited(
        inventoryPlan(s, { serviceLevel: SERVICE_LEVEL }).map(({ index, status, ...plan }) => ({
          product_id: s.ids[index],
          name: s.names[index],
          status: STATUS_LABELS[status],
          ...plan,
        })),
      );
    },
  },
];
