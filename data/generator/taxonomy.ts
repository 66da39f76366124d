/** The fixed dimensions of the dataset, shared by the generator, its calendar and its tests. */

/** Product categories, in catalogue order. */
export const CATEGORIES = ['Electronics', 'Clothing', 'Home & Garden', 'Sports', 'Beauty', 'Toys'] as const;

/** One of {@link CATEGORIES}. */
export type Category = (typeof CATEGORIES)[number];

/** Store regions; every customer shops in exactly one. */
export const REGIONS = ['North', 'South', 'East', 'West'] as const;

/** One of {@link REGIONS}. */
export type Region = (typeof REGIONS)[number];

/** Share of customers living in each region, aligned with {@link REGIONS}. */
export const REGION_WEIGHTS: readonly number[] = [0.3, 0.22, 0.26, 0.22];
