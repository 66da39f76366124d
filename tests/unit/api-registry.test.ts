import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CALLS, API_GROUPS } from '../../src/api/registry';
import { API_ROW_LIMIT, type ApiContext, type ApiInput } from '../../src/api/types';
import { loadSalesCube, type SalesCube } from '../../src/data/cube/sales-cube';
import type { Connector } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { inlineParams } from '../../src/data/queries/statement';
import { builtinDb } from '../helpers/builtin-db';
import { readLines, ROOT } from '../helpers/expected';

// ---------------------------------------------------------------------------------------------
// The typed surface, read by the TypeScript compiler: what `src/api` exports, and the JSDoc of
// every query module and worker interface.

const program = ts.createProgram([path.join(ROOT, 'src/api/index.ts')], {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
  types: [],
});
const checker = program.getTypeChecker();
const apiFile = program.getSourceFile(path.join(ROOT, 'src/api/index.ts'))!;
const exported = new Map(
  checker.getExportsOfModule(checker.getSymbolAtLocation(apiFile)!).map((s) => [s.getName(), s]),
);

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const hasJsDoc = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;
const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Exported functions, interfaces and types of a source file, and whether each has JSDoc. */
function exportedDeclarations(file: string): { name: string; kind: string; documented: boolean }[] {
  const source = program.getSourceFile(path.join(ROOT, file));
  if (!source) throw new Error(`${file} is not reachable from src/api/index.ts`);
  const out: { name: string; kind: string; documented: boolean }[] = [];
  for (const node of source.statements) {
    if (!isExported(node)) continue;
    if (ts.isFunctionDeclaration(node) && node.name)
      out.push({ name: node.name.text, kind: 'function', documented: hasJsDoc(node) });
    else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
      out.push({ name: node.name.text, kind: 'type', documented: hasJsDoc(node) });
  }
  return out;
}

const QUERY_FILES = filesUnder('src/data/queries').filter((f) => !f.endsWith('index.ts'));

describe('the analytics API surface', () => {
  it('documents every exported function and type of every query module with JSDoc', () => {
    const missing = QUERY_FILES.flatMap((f) =>
      exportedDeclarations(f)
        .filter((d) => !d.documented)
        .map((d) => `${f}: ${d.kind} ${d.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('exports every query function of every query module from src/api', () => {
    const functions = QUERY_FILES.filter((f) => !/(where|fragments|statement|parts)\.ts$/.test(f)).flatMap((f) =>
      exportedDeclarations(f)
        .filter((d) => d.kind === 'function')
        .map((d) => d.name),
    );
    expect(functions.length).toBeGreaterThan(40);
    expect(functions.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('documents every method of every worker interface, and exports the interfaces', () => {
    for (const [name, file] of [
      ['ForecastWorkerApi', 'src/ml/forecast/worker-api.ts'],
      ['SegmentWorkerApi', 'src/ml/segment/worker-api.ts'],
      ['ImportWorkerApi', 'src/data/import/worker-api.ts'],
    ] as const) {
      expect(exported.has(name), name).toBe(true);
      const source = program.getSourceFile(path.join(ROOT, file))!;
      const decl = source.statements.find(
        (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
      );
      expect(decl, name).toBeDefined();
      expect(decl!.members.length, name).toBeGreaterThan(0);
      const undocumented = decl!.members.filter((m) => !hasJsDoc(m)).map((m) => m.name?.getText(source));
      expect(undocumented, name).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The registry: each entry documented, named after an exported function and type.

describe('the API registry', () => {
  it('has well over ten calls, with every page’s questions', () => {
    expect(API_CALLS.length).toBeGreaterThanOrEqual(20);
    for (const group of API_GROUPS) expect(API_CALLS.filter((c) => c.group === group).length, group).toBeGreaterThan(0);
    expect(new Set(API_CALLS.map((c) => c.group))).toEqual(new Set(API_GROUPS));
  });

  it('names each call uniquely, group.verb style', () => {
    const names = API_CALLS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+\.[a-z][A-Za-z]+$/);
  });

  it('gives each call a one-line summary, documented parameters and an exported function and type', () => {
    for (const c of API_CALLS) {
      expect(c.summary, c.name).toMatch(/^[A-Z].{20,140}\.$/);
      expect(c.summary, c.name).not.toContain('\n');
      for (const p of c.params) {
        expect(p.name, c.name).toMatch(/^[a-zA-Z.]+$/);
        expect(p.type.length, `${c.name} ${p.name}`).toBeGreaterThan(0);
        expect(p.description, `${c.name} ${p.name}`).toMatch(/^[A-Z].*\.$/);
      }
      // Every function named in the signature and every type named in `returns` is exported.
      const functions = [...c.signature.matchAll(/([A-Za-z]+)\(/g)].map((m) => m[1]!);
      expect(functions.length, c.name).toBeGreaterThan(0);
      for (const f of functions) expect(exported.has(f), `${c.name}: function ${f}`).toBe(true);
      const types = [...c.returns.matchAll(/\b([A-Z][A-Za-z]+)\b/g)].map((m) => m[1]!);
      expect(types.length, c.name).toBeGreaterThan(0);
      for (const t of types) expect(exported.has(t), `${c.name}: type ${t}`).toBe(true);
    }
  });

  it('says which parameters the SQL depends on: changing an undocumented filter field leaves the SQL alone', () => {
    const input = (f: Partial<Filters>): ApiInput => ({
      filters: { ...ALL, ...f },
      span: { from: '2024-01-01', to: '2025-12-31' },
    });
    const changes: Record<string, Partial<Filters>> = {
      'filters.from': { from: '2025-02-01' },
      'filters.to': { to: '2025-03-31' },
      'filters.categories': { categories: ['Sports'] },
      'filters.regions': { regions: ['West'] },
      'filters.grain': { grain: 'day' },
    };
    for (const c of API_CALLS) {
      const base = c.statements(input({})).map(inlineParams).join(';\n');
      for (const [param, change] of Object.entries(changes)) {
        const changed = c.statements(input(change)).map(inlineParams).join(';\n');
        const documented = c.params.some((p) => p.name === param || (param === 'filters.grain' && p.name === 'grain'));
        if (!documented) expect(changed, `${c.name} reads ${param} without documenting it`).toBe(base);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Each call's SQL and its run, on the built-in data in real DuckDB-WASM.

let db: Connector & { close(): void };
let cube: Promise<SalesCube>;
let span: ApiInput['span'];
beforeAll(async () => {
  db = await builtinDb();
  cube = loadSalesCube(db);
  const days = readLines().map((l) => l.day);
  span = { from: days.reduce((a, b) => (a < b ? a : b)), to: days.reduce((a, b) => (a > b ? a : b)) };
});
afterAll(() => db.close());

const FILTERS: Record<string, Filters> = {
  all: ALL,
  slice: { ...ALL, from: '2025-03-01', to: '2025-06-30', categories: ['Electronics', 'Sports'], regions: ['West'] },
  nothing: { ...ALL, categories: ['No such category'] },
};

describe('each call on the built-in data', () => {
  for (const [label, filters] of Object.entries(FILTERS)) {
    it(`runs every statement as written out for “${label}”; each local call returns its SQL's rows and values`, async () => {
      const ctx: ApiContext = { db, cube: () => cube, filters, span };
      for (const c of API_CALLS) {
        const statements = c.statements(ctx);
        expect(statements.length, c.name).toBeGreaterThan(0);
        const results = [];
        for (const s of statements) results.push(await db.query(inlineParams(s)));
        // Workers cannot start in Node; the e2e tests run those calls in Chromium.
        if (c.engine === 'worker') continue;
        const { rows, total } = await c.run(ctx);
        expect(rows.length, c.name).toBe(Math.min(total, API_ROW_LIMIT));
        // The RFM query keeps one row without a customer when none match, to carry its end day.
        const sqlRows = results[0]!.filter((r) => !('customer_id' in r && 'end_day' in r) || r.customer_id !== null);
        expect(total, `${c.name} (${label})`).toBe(sqlRows.length);
        // Where a call's rows carry the SQL's columns, they carry the SQL's values, row for row.
        const mismatches: string[] = [];
        rows.forEach((row, i) => {
          for (const [key, want] of Object.entries(sqlRows[i] ?? {})) {
            const got = row[key];
            if (!(key in row) || want === null || got === null) continue;
            const same =
              Object.is(want, got) ||
              (typeof want === 'number' && typeof got === 'number'
                ? Math.abs(want - got) <= 1e-6 * Math.max(1, Math.abs(want))
                : JSON.stringify(want) === JSON.stringify(got));
            if (!same) mismatches.push(`${c.name} row ${i} ${key}: SQL ${String(want)}, call ${String(got)}`);
          }
        });
        expect(mismatches.slice(0, 5), label).toEqual([]);
      }
    });
  }

  it('gives rows for the whole data from every local call', async () => {
    const ctx: ApiContext = { db, cube: () => cube, filters: ALL, span };
    for (const c of API_CALLS) {
      if (c.engine === 'worker' || c.name === 'data.rejects') continue; // the built-in data has no rejects
      expect((await c.run(ctx)).total, c.name).toBeGreaterThan(0);
    }
  });
});
