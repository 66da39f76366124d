import { describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../src/data/dataset/load-canonical';
import { datasetProfile } from '../../src/data/queries/profile';
import { builtinDb, SALES_HEADER } from '../helpers/builtin-db';
import { readLines } from '../helpers/expected';
import { nodeDuckDb } from '../helpers/node-duckdb';

describe('loadCanonicalCsv', () => {
  it('loads every built-in line and product, names with commas and quotes intact', async () => {
    const db = await builtinDb();
    const lines = readLines();
    const profile = await datasetProfile(db);
    expect(profile.salesRows).toBe(lines.length);
    expect(profile.productRows).toBeGreaterThan(0);
    expect(profile.hasStock).toBe(true);
    expect(profile.categories).toEqual([...new Set(lines.map((l) => l.category))].sort());
    expect(profile.regions).toEqual([...new Set(lines.map((l) => l.region))].sort());
    const tricky = lines.filter((l) => /[",]/.test(l.product_name));
    expect(tricky.length).toBeGreaterThan(0);
    for (const t of tricky.slice(0, 5)) {
      const [row] = await db.query('SELECT any_value(product_name) AS name FROM sales WHERE product_id = ?', [
        t.product_id,
      ]);
      expect(row?.name).toBe(t.product_name);
    }
    db.close();
  });

  it('fails loudly, naming the value, when a number does not parse', async () => {
    const db = await nodeDuckDb();
    const csv = [SALES_HEADER, 'T1,2025-01-01 10:00:00,C1,P1,Widget,A,North,two,10.00,0.00,20.00,4.00'].join('\n');
    await expect(loadCanonicalCsv(db, csv)).rejects.toThrow(/two/);
    db.close();
  });

  it('keeps the data it had when a new load fails', async () => {
    const db = await nodeDuckDb();
    const good = [SALES_HEADER, 'T1,2025-01-01 10:00:00,C1,P1,Widget,A,North,1,10.00,0.00,10.00,4.00'].join('\n');
    const bad = [SALES_HEADER, 'T9,not a time,C1,P1,Widget,A,North,1,10.00,0.00,10.00,4.00'].join('\n');
    await loadCanonicalCsv(db, good);
    await expect(loadCanonicalCsv(db, bad)).rejects.toThrow();
    expect(await db.query('SELECT transaction_id FROM sales')).toEqual([{ transaction_id: 'T1' }]);
    db.close();
  });

  it('replaces what was loaded before', async () => {
    const db = await nodeDuckDb();
    const one = [SALES_HEADER, 'T1,2025-01-01 10:00:00,C1,P1,Widget,A,North,1,10.00,0.00,10.00,4.00'].join('\n');
    await loadCanonicalCsv(db, one);
    const summary = await loadCanonicalCsv(db, one);
    expect(summary.salesRows).toBe(1);
    expect(summary.firstTs).toBe(Date.UTC(2025, 0, 1, 10));
    db.close();
  });
});
