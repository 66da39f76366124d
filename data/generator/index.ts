/** Public entry point of the built-in retail sales data generator. */
import { productsCsv, writeSalesCsv } from './csv';
import { simulate, type GenerateOptions } from './simulate';
import { datasetStats, type GenerateStats } from './stats';

export { holidaysBetween, promotionsBetween, promotionOn, type Holiday, type Promotion } from './calendar';
export { PRODUCTS_HEADER, SALES_HEADER, csvField, productsCsv, writeSalesCsv } from './csv';
export { simulate, resolveOptions, type Dataset, type GenerateOptions, type ResolvedOptions } from './simulate';
export { datasetStats, type GenerateStats } from './stats';
export { CATEGORIES, REGIONS, type Category, type Region } from './taxonomy';

/** Both CSV files as strings, plus a summary. */
export interface GenerateResult {
  salesCsv: string;
  productsCsv: string;
  stats: GenerateStats;
}

/** The options behind the committed data/retail_sales_data.csv and data/products.csv. */
export const DEFAULT_OPTIONS: Readonly<GenerateOptions> = {
  rows: 5000,
  seed: 42,
  start: '2024-01-01',
  end: '2025-12-31',
};

/** Generates the sales and product CSVs in memory; deterministic for given options. */
export function generate(options: GenerateOptions): GenerateResult {
  const dataset = simulate(options);
  const chunks: string[] = [];
  writeSalesCsv(dataset, (chunk) => chunks.push(chunk));
  return { salesCsv: chunks.join(''), productsCsv: productsCsv(dataset), stats: datasetStats(dataset) };
}
