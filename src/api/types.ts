import type { SalesCube } from '../data/cube/sales-cube';
import type { Connector, Row } from '../data/engine/connector';
import type { Filters } from '../data/filters';
import type { DayRange } from '../data/periods';
import type { Statement } from '../data/queries/statement';

/** The page whose question an API call answers (the API page groups calls by it). */
export type ApiGroup = 'Overview' | 'Sales Analytics' | 'Forecasting' | 'Customers' | 'Products' | 'Data';

/** What every call is asked for: the slice, and the data's span (to resolve an open date range). */
export interface ApiInput {
  filters: Filters;
  /** First and last day with sales; undefined when the data is empty. */
  span: DayRange | undefined;
}

/** What a call needs to run: the input, the engine and the Sales Analytics cube. */
export interface ApiContext extends ApiInput {
  db: Connector;
  cube(): Promise<SalesCube>;
  /** Stops worker calls (forecasts, segmentation) that are under way. */
  signal?: AbortSignal;
}

/** One documented argument of a call. */
export interface ApiParam {
  name: string;
  /** Its TypeScript type, as written in the call's signature. */
  type: string;
  description: string;
  /** The value the call uses for the current input, in words (e.g. "2025-01-01", "all", "10"). */
  value(input: ApiInput): string;
}

/** Where a call's answer is computed once its SQL has run. */
export type ApiEngine = 'DuckDB' | 'cube' | 'worker' | 'page';

/** One entry of the analytics API: a question the pages ask, documented, with its SQL and a way to run it. */
export interface ApiCall {
  /** Unique, `group.verb` style, e.g. `overview.kpis`. */
  name: string;
  group: ApiGroup;
  /** One line: what the call answers. */
  summary: string;
  /** The TypeScript function behind the call, e.g. `kpis(db, filters)`, exported from `src/api`. */
  signature: string;
  /** The exported type of what the function returns. */
  returns: string;
  /** DuckDB answers the SQL directly; or the cube, a worker or the page computes from its rows. */
  engine: ApiEngine;
  /** Added detail on how the answer is computed, when the SQL alone does not say it. */
  note?: string;
  params: readonly ApiParam[];
  /** The SQL the call runs for this input (for cube calls: SQL giving the same numbers). */
  statements(input: ApiInput): Statement[];
  /** Runs the call and returns its answer as rows (nested answers flattened), for the API page's table. */
  run(ctx: ApiContext): Promise<ApiRows>;
}

/** A call's answer as rows: the first {@link API_ROW_LIMIT} of them, and how many there are. */
export interface ApiRows {
  rows: Row[];
  total: number;
}

/** Rows an answer keeps for the page: building and drawing 280,000 row objects would freeze the tab. */
export const API_ROW_LIMIT = 10_000;
