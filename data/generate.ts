/**
 * CLI for the built-in dataset. With no arguments it rewrites the committed sample
 * (data/retail_sales_data.csv + data/products.csv); with --rows/--out it writes larger files
 * of the same shape, streaming the CSV so a million rows stay within modest memory.
 *
 *   npm run data
 *   npm run data -- --rows 1000000 --out /tmp/big.csv [--seed 7] [--products-out /tmp/p.csv]
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, datasetStats, productsCsv, simulate, writeSalesCsv, type GenerateOptions } from './generator';

const USAGE = `Usage: npm run data -- [--rows N] [--seed N] [--start YYYY-MM-DD] [--end YYYY-MM-DD]
                       [--customers N] [--products N] [--out FILE.csv] [--products-out FILE.csv]`;

const dataDir = path.dirname(fileURLToPath(import.meta.url));

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.replace(/_/g, ''))) throw new Error(`--${name} expects an integer, got "${raw}"`);
  return Number(raw.replace(/_/g, ''));
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      customers: { type: 'string' },
      products: { type: 'string' },
      out: { type: 'string' },
      'products-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: GenerateOptions = {
    rows: integer('rows', values.rows) ?? DEFAULT_OPTIONS.rows,
    seed: integer('seed', values.seed) ?? DEFAULT_OPTIONS.seed,
    start: values.start ?? DEFAULT_OPTIONS.start,
    end: values.end ?? DEFAULT_OPTIONS.end,
  };
  const customers = integer('customers', values.customers);
  const products = integer('products', values.products);
  if (customers !== undefined) options.customers = customers;
  if (products !== undefined) options.products = products;

  const isDefault =
    customers === undefined &&
    products === undefined &&
    (['rows', 'seed', 'start', 'end'] as const).every((k) => options[k] === DEFAULT_OPTIONS[k]);
  // The committed sample is pinned by a byte-for-byte test; never overwrite it with other settings.
  if (values.out === undefined && !isDefault) {
    throw new Error('Non-default options need --out, so the committed sample data is not overwritten.');
  }
  const salesPath = path.resolve(values.out ?? path.join(dataDir, 'retail_sales_data.csv'));
  const productsPath = path.resolve(
    values['products-out'] ??
      (values.out === undefined
        ? path.join(dataDir, 'products.csv')
        : `${salesPath.replace(/\.csv$/i, '')}.products.csv`),
  );

  const started = performance.now();
  const dataset = simulate(options);
  mkdirSync(path.dirname(salesPath), { recursive: true });
  mkdirSync(path.dirname(productsPath), { recursive: true });
  const fd = openSync(salesPath, 'w');
  try {
    writeSalesCsv(dataset, (chunk) => writeAll(fd, chunk));
  } finally {
    closeSync(fd);
  }
  writeFileSync(productsPath, productsCsv(dataset));
  const s = datasetStats(dataset);
  const seconds = (performance.now() - started) / 1000;
  const n = (x: number): string => x.toLocaleString('en-US');
  const shown = (file: string): string => {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') ? file : relative;
  };
  console.log(
    `${n(s.rows)} rows (${n(s.returnLines)} returns), ${n(s.orders)} orders, ${n(s.customers)} customers, ` +
      `${n(s.products)} products, ${s.start}..${s.end}, seed ${options.seed}, ${seconds.toFixed(1)} s ` +
      `-> ${shown(salesPath)}, ${shown(productsPath)}`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
}
