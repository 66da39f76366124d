import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { pseudonym, pseudonyms, pseudonymSql } from '../../src/data/export/pseudonymise';
import { nodeDuckDb } from '../helpers/node-duckdb';

const expected = (id: string, salt: string) =>
  createHash('sha256')
    .update(salt + id, 'utf8')
    .digest('hex')
    .slice(0, 16);

// Ids and salts that would break SQL built as text, and non-ASCII ones whose bytes must agree.
const CASES: { id: string; salt: string }[] = [
  { id: 'C0001', salt: '3f2a9c0d1e4b5a6f7081928374655647' },
  { id: "O'Brien", salt: "'; DROP TABLE sales; --" },
  { id: 'Zoë Müller €', salt: 'sel' },
  { id: '', salt: 'only-salt' },
  { id: '=1+1', salt: '' },
];

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await nodeDuckDb();
});
afterAll(() => db.close());

describe('pseudonym', () => {
  it.each(CASES)('is the first 16 hex characters of SHA-256(salt + id) for $id', async ({ id, salt }) => {
    expect(await pseudonym(id, salt)).toBe(expected(id, salt));
  });

  it('differs with the salt, so another browser gives other pseudonyms', async () => {
    expect(await pseudonym('C0001', 'a')).not.toBe(await pseudonym('C0001', 'b'));
  });
});

describe('pseudonymSql', () => {
  it.each(CASES)('gives the same pseudonym in DuckDB for $id', async ({ id, salt }) => {
    const p = pseudonymSql('t.customer_id', salt);
    const rows = await db.query<{ h: string }>(`SELECT ${p.sql} AS h FROM (SELECT ?::VARCHAR AS customer_id) t`, [
      ...p.params,
      id,
    ]);
    expect(rows).toEqual([{ h: expected(id, salt) }]);
  });

  it('keeps the salt out of the SQL text and leaves a missing id missing', async () => {
    const salt = "s'alt";
    const p = pseudonymSql('t.customer_id', salt);
    expect(p.sql).not.toContain(salt);
    expect(p.params).toEqual([salt]);
    const rows = await db.query(`SELECT ${p.sql} AS h FROM (SELECT NULL::VARCHAR AS customer_id) t`, p.params);
    expect(rows).toEqual([{ h: null }]);
  });
});

describe('pseudonyms', () => {
  it('maps each distinct id to its pseudonym', async () => {
    const map = await pseudonyms(['C1', 'C2', 'C1'], 'salt');
    expect([...map.entries()]).toEqual([
      ['C1', expected('C1', 'salt')],
      ['C2', expected('C2', 'salt')],
    ]);
  });
});
