import { ANALYTICS_CALLS } from './calls/analytics';
import { CUSTOMER_CALLS } from './calls/customers';
import { DATA_CALLS } from './calls/data';
import { FORECASTING_CALLS } from './calls/forecasting';
import { OVERVIEW_CALLS } from './calls/overview';
import { PRODUCT_CALLS } from './calls/products';
import type { ApiCall, ApiGroup } from './types';

/** The groups in the order the app's sections come. */
export const API_GROUPS: readonly ApiGroup[] = [
  'Overview',
  'Sales Analytics',
  'Forecasting',
  'Customers',
  'Products',
  'Data',
];

/** Every call of the analytics API, grouped by page in the order of `API_GROUPS`. */
export const API_CALLS: readonly ApiCall[] = [
  ...OVERVIEW_CALLS,
  ...ANALYTICS_CALLS,
  ...FORECASTING_CALLS,
  ...CUSTOMER_CALLS,
  ...PRODUCT_CALLS,
  ...DATA_CALLS,
];

/** The call of that name, or undefined. */
export function apiCall(name: string): ApiCall | undefined {
  return API_CALLS.find((c) => c.name === name);
}
