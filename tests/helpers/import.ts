import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connector } from '../../src/data/engine/connector';
import { completeOptions, proposeOptions, type FileOptions } from '../../src/data/import/options';
import { runImport, type ImportSummary } from '../../src/data/import/pipeline';
import { prepareSource } from '../../src/data/import/prepare';
import { stageFile, type ImportRole, type StagedFile } from '../../src/data/import/stage';
import { ROOT } from './expected';

/** A fixture's bytes from tests/fixtures/. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(ROOT, 'tests/fixtures', name)));
}

/** Prepares and stages a fixture the way the Data page does (without the worker), and proposes its options. */
export async function stageFixture(
  db: Connector,
  name: string,
  role: ImportRole = 'sales',
): Promise<{ staged: StagedFile; options: FileOptions }> {
  const source = await prepareSource(name, fixtureBytes(name));
  const staged = await stageFile(db, role, source);
  return { staged, options: await proposeOptions(db, staged) };
}

/** Stages, maps automatically (with optional overrides) and loads a sales fixture. */
export async function importFixture(
  db: Connector,
  name: string,
  override?: Partial<FileOptions>,
): Promise<{ summary: ImportSummary; options: FileOptions }> {
  const { staged, options: proposed } = await stageFixture(db, name);
  const options = override
    ? await completeOptions(db, staged, override.mapping ?? proposed.mapping, { ...proposed, ...override })
    : proposed;
  return { summary: await runImport(db, { sales: { staged, options } }), options };
}
