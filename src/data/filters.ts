/** Time grain of a chart or table. */
export type Grain = 'day' | 'week' | 'month';

/** The slice every page answers for (ARCHITECTURE.md: URL query `from`, `to`, `category`, `region`, `grain`). */
export interface Filters {
  /** Inclusive first day, YYYY-MM-DD; absent = from the first sale. */
  from?: string | undefined;
  /** Inclusive last day, YYYY-MM-DD; absent = to the last sale. */
  to?: string | undefined;
  /** Categories to keep; empty = all. */
  categories: readonly string[];
  /** Regions (or stores, countries) to keep; empty = all. */
  regions: readonly string[];
  grain: Grain;
}

/** No filter: all dates, all categories and regions, monthly. */
export const ALL: Filters = { categories: [], regions: [], grain: 'month' };

/** True when the text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
