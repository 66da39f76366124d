import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { customerRfm, type CustomerRfmColumns } from '../../src/data/queries/customers';
import { analyseCustomers, type CustomerAnalysis } from '../../src/ml/segment/analyse';
import { builtinDb } from '../helpers/builtin-db';

let db: Connector & { close(): void };
let rfm: CustomerRfmColumns;
let result: CustomerAnalysis;

beforeAll(async () => {
  db = await builtinDb();
  rfm = await customerRfm(db, ALL);
  result = analyseCustomers(rfm, { chooseK: false });
}, 120_000);
afterAll(() => db.close());

describe('the customer analysis on the built-in data', () => {
  it('puts every customer in one of four named segments', () => {
    const s = result.segmentation;
    expect(s.labels).toHaveLength(rfm.length);
    expect([...s.names].sort()).toEqual(['Active', 'At-Risk', 'Loyal', 'VIP']);
    expect(Array.from(s.sizes).reduce((a, b) => a + b, 0)).toBe(rfm.length);
    const revenue = Array.from(rfm.monetary).reduce((a, b) => a + b, 0);
    expect(Array.from(s.revenue).reduce((a, b) => a + b, 0)).toBeCloseTo(revenue, 4);
  });

  it('fits both models and gives probabilities and values in range', () => {
    expect(result.models.bgnbd?.converged).toBe(true);
    expect(result.models.gammaGamma).not.toBeNull();
    for (let i = 0; i < rfm.length; i++) {
      expect(result.pAlive[i]).toBeGreaterThanOrEqual(0);
      expect(result.pAlive[i]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(result.clv[i])).toBe(true);
      expect(result.clv[i]).toBeGreaterThanOrEqual(0);
    }
  });

  it('flags at risk exactly the top-quarter customers whose P(active) is below one half', () => {
    const sorted = Array.from(rfm.monetary).sort((a, b) => a - b);
    const threshold = sorted[Math.floor(0.75 * sorted.length)]!;
    for (let i = 0; i < rfm.length; i++) {
      const expected = rfm.monetary[i]! >= threshold && result.pAlive[i]! < 0.5 ? 1 : 0;
      expect(result.atRisk[i], rfm.ids[i]).toBe(expected);
    }
    expect(result.atRisk.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('gives the same answer again', () => {
    const again = analyseCustomers(rfm, { chooseK: false });
    expect(Array.from(again.segmentation.labels)).toEqual(Array.from(result.segmentation.labels));
    expect(Array.from(again.clv)).toEqual(Array.from(result.clv));
  });

  it('says why the models are missing when too few customers came back', () => {
    const few = analyseCustomers(
      {
        ids: ['a', 'b', 'c'],
        recencyDays: [1, 2, 3],
        frequency: [1, 1, 2],
        monetary: [10, 20, 30],
        bgnbd: {
          frequency: Float64Array.of(0, 0, 1),
          recency: Float64Array.of(0, 0, 1),
          T: Float64Array.of(2, 2, 2),
          monetary: Float64Array.of(0, 0, 15),
        },
      },
      { chooseK: false },
    );
    expect(few.models.bgnbd).toBeNull();
    expect(few.models.note).toMatch(/Too few customers with repeat purchases/);
    expect(Number.isNaN(few.pAlive[0])).toBe(true);
  });
});

describe('crossing to the worker', () => {
  it('packs and unpacks the input without changing it, and leaves the page its own arrays', async () => {
    const { packCustomers, unpackCustomers } = await import('../../src/ml/segment/worker-api');
    const { packed, transfer } = packCustomers(rfm);
    expect(transfer).toHaveLength(7);
    const back = unpackCustomers(structuredClone(packed, { transfer }));
    expect(back.ids).toEqual(rfm.ids);
    expect(Array.from(back.monetary)).toEqual(Array.from(rfm.monetary));
    expect(Array.from(back.bgnbd.T)).toEqual(Array.from(rfm.bgnbd.T));
    expect(rfm.monetary.length).toBe(back.monetary.length); // the originals were copied, not detached
  });
});
