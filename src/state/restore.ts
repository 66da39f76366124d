import { browserEngine } from '../data/engine/engine';
import { ImportError } from '../data/import/errors';
import { prepareInWorker } from '../data/import/import-worker';
import type { FileOptions } from '../data/import/options';
import { runImport, type ImportPlan, type PlannedFile } from '../data/import/pipeline';
import { stageFile } from '../data/import/stage';
import { readSavedFile, type Manifest } from '../data/storage/saved-dataset';
import { describeLoaded, type LoadedDataset } from './dataset';

/** A cache key for imported data: the files' hashes and how they were mapped. */
export function importKey(files: { sha256: string; options: FileOptions }[]): string {
  return `import:${files.map((f) => `${f.sha256.slice(0, 16)}:${JSON.stringify(f.options)}`).join('|')}`;
}

/** Rebuilds the tables from the saved files and their saved mapping (no questions asked). */
export async function restoreSaved(manifest: Manifest): Promise<LoadedDataset> {
  const { connector, info } = await browserEngine();
  performance.mark('tillsight:duckdb-ready', { detail: info });
  const loadStart = performance.now();
  const planned: Partial<Record<'sales' | 'products', PlannedFile>> = {};
  for (const file of manifest.files) {
    const blob = await readSavedFile(file);
    const source = await prepareInWorker(file.name, blob, { expectSha256: file.sha256 });
    const staged = await stageFile(connector, file.role, source, `restore_${file.role}`);
    const missing = Object.values(file.options.mapping).filter((c) => !staged.columns.some((s) => s.name === c));
    if (missing.length > 0)
      throw new ImportError(
        'storage',
        file.name,
        `the saved mapping names columns ${file.name} lacks (${missing.join(', ')})`,
      );
    planned[file.role] = { staged, options: file.options };
  }
  if (!planned.sales) throw new ImportError('storage', 'the saved data', 'the saved data has no sales file');
  const plan: ImportPlan = { sales: planned.sales, products: planned.products };
  const summary = await runImport(connector, plan);
  const sales = manifest.files.find((f) => f.role === 'sales');
  return describeLoaded(connector, {
    key: importKey(manifest.files),
    name: sales?.name ?? 'Imported data',
    origin: 'import',
    engineVersion: info.version,
    engineMs: info.startMs,
    loadStart,
    files: [summary.sales, ...(summary.products ? [summary.products] : [])],
    options: manifest.files.map((f) => f.options),
  });
}
