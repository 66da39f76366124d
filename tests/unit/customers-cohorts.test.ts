import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { cohortRetention, type CohortCell } from '../../src/data/queries/customers';
import { builtinDb, fixtureDb, SALES_HEADER } from '../helpers/builtin-db';
import { readLines, slice, type Line, type Slice } from '../helpers/expected';

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Cohort cells computed line by line from already sliced lines; `endDay` closes the last month. */
function expectedCohorts(lines: Line[], endDay: string): CohortCell[] {
  // Transactions per customer: dated by their first line, an order if any line is a sale.
  const tx = new Map<string, { customer: string; day: string; revenue: number; order: boolean }>();
  for (const l of lines) {
    if (l.customer_id === '') continue;
    const key = `${l.customer_id}\u0000${l.transaction_id}`;
    const t = tx.get(key) ?? { customer: l.customer_id, day: l.day, revenue: 0, order: false };
    t.day = l.day < t.day ? l.day : t.day;
    t.revenue += l.revenue;
    t.order ||= l.quantity >= 0 && l.revenue >= 0;
    tx.set(key, t);
  }
  const first = new Map<string, number>();
  for (const t of tx.values()) {
    const m = monthIndex(t.day);
    if (t.order && m < (first.get(t.customer) ?? Infinity)) first.set(t.customer, m);
  }
  // cohort → months since → active customers and revenue
  const cells = new Map<number, Map<number, { active: Set<string>; revenue: number }>>();
  const sizes = new Map<number, number>();
  for (const cohort of first.values()) sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
  for (const t of tx.values()) {
    const cohort = first.get(t.customer);
    if (cohort === undefined || monthIndex(t.day) < cohort) continue;
    const since = monthIndex(t.day) - cohort;
    const byMonth = cells.get(cohort) ?? new Map<number, { active: Set<string>; revenue: number }>();
    const cell = byMonth.get(since) ?? { active: new Set<string>(), revenue: 0 };
    if (t.order) cell.active.add(t.customer);
    cell.revenue += t.revenue;
    byMonth.set(since, cell);
    cells.set(cohort, byMonth);
  }
  const end = monthIndex(endDay);
  const out: CohortCell[] = [];
  for (const cohort of [...sizes.keys()].sort((a, b) => a - b)) {
    const size = sizes.get(cohort) ?? 0;
    for (let since = 0; cohort + since <= end; since++) {
      const cell = cells.get(cohort)?.get(since);
      const active = cell?.active.size ?? 0;
      out.push({
        cohort: monthOf(cohort),
        month: monthOf(cohort + since),
        monthsSince: since,
        cohortSize: size,
        active,
        retention: active / size,
        revenue: cell?.revenue ?? 0,
      });
    }
  }
  return out;
}

function expectCohorts(actual: CohortCell[], expected: CohortCell[]) {
  const key = (c: CohortCell) => `${c.cohort}+${c.monthsSince}`;
  expect(actual.map(key)).toEqual(expected.map(key));
  expected.forEach((e, i) => {
    const a = actual[i];
    const where = `cohort ${e.cohort}, month ${e.month}`;
    expect({ ...a, retention: 0, revenue: 0 }, where).toEqual({ ...e, retention: 0, revenue: 0 });
    expect(a?.retention, where).toBeCloseTo(e.retention, 12);
    expect(a?.revenue, where).toBeCloseTo(e.revenue, 6);
  });
}

describe('cohortRetention on the built-in data', () => {
  let db: Connector & { close(): void };
  let lines: Line[];
  let lastDay: string;
  beforeAll(async () => {
    db = await builtinDb();
    lines = readLines();
    lastDay = lines.reduce((m, l) => (l.day > m ? l.day : m), '');
  });
  afterAll(() => db.close());

  it('matches cohorts computed line by line over all dates', async () => {
    const result = await cohortRetention(db, ALL);
    const expected = expectedCohorts(lines, lastDay);
    expect(result.length).toBeGreaterThan(200);
    expectCohorts(result, expected);
    // Every customer is acquired exactly once, and is active in the month they are acquired.
    const month0 = result.filter((c) => c.monthsSince === 0);
    expect(month0.every((c) => c.active === c.cohortSize && c.retention === 1)).toBe(true);
    expect(month0.reduce((a, c) => a + c.cohortSize, 0)).toBe(new Set(lines.map((l) => l.customer_id)).size);
  });

  it.each<Slice>([
    { from: '2024-07-01', to: '2025-06-30', regions: ['North'] },
    { from: '2025-01-01', to: '2025-10-15', regions: ['South', 'West'], categories: ['Clothing', 'Beauty'] },
  ])('matches a filtered slice, its months ending with the filter: %o', async (s) => {
    const f: Filters = { ...ALL, ...s, categories: s.categories ?? [], regions: s.regions ?? [] };
    const result = await cohortRetention(db, f);
    expect(result.at(-1)?.month).toBe(s.to?.slice(0, 7));
    expectCohorts(result, expectedCohorts(slice(lines, s), s.to ?? ''));
  });

  it('is empty for an empty slice, and treats a hostile value as data', async () => {
    expect(await cohortRetention(db, { ...ALL, regions: ['Atlantis'] })).toEqual([]);
    expect(await cohortRetention(db, { ...ALL, categories: ["x') OR TRUE --"] })).toEqual([]);
  });
});

describe('cohortRetention on hand-made data', () => {
  // C1: orders in Jan, Feb (with a return) and Mar. C2: an order in Jan, only a return in Feb.
  // C3: orders in Feb and Apr. C4: only a return. C5: a return in Jan (of an earlier purchase),
  // then an order in Mar. The last line has no customer but ends the data in April.
  const csv = [
    SALES_HEADER,
    'T1,2025-01-05 10:00:00,C1,P1,Widget,A,North,5,10.00,0.00,50.00,4.00',
    'R3,2025-01-15 10:00:00,C4,P1,Widget,A,North,-1,15.00,0.00,-15.00,4.00',
    'T4,2025-01-20 10:00:00,C2,P1,Widget,A,South,1,10.00,0.00,10.00,4.00',
    'R4,2025-01-25 10:00:00,C5,P1,Widget,A,South,-1,7.00,0.00,-7.00,4.00',
    'T5,2025-02-03 10:00:00,C3,P1,Widget,A,North,6,10.00,0.00,60.00,4.00',
    'T2,2025-02-10 10:00:00,C1,P1,Widget,A,North,3,10.00,0.00,30.00,4.00',
    'R1,2025-02-20 10:00:00,C1,P1,Widget,A,North,-2,10.00,0.00,-20.00,4.00',
    'R2,2025-02-25 10:00:00,C2,P1,Widget,A,South,-1,5.00,0.00,-5.00,4.00',
    'T3,2025-03-03 10:00:00,C1,P1,Widget,A,North,4,10.00,0.00,40.00,4.00',
    'T7,2025-03-15 10:00:00,C5,P1,Widget,A,South,1,25.00,0.00,25.00,4.00',
    'T6,2025-04-10 10:00:00,C3,P1,Widget,A,North,2,10.00,0.00,20.00,4.00',
    'T8,2025-04-30 10:00:00,,P1,Widget,A,North,10,10.00,0.00,100.00,4.00',
  ].join('\n');
  let small: Connector & { close(): void };
  beforeAll(async () => {
    small = await fixtureDb(csv);
  });
  afterAll(() => small.close());

  const cell = (
    cohort: string,
    month: string,
    monthsSince: number,
    cohortSize: number,
    active: number,
    revenue: number,
  ): CohortCell => ({
    cohort,
    month,
    monthsSince,
    cohortSize,
    active,
    retention: active / cohortSize,
    revenue,
  });

  it('gives the hand-computed cells, through the last month of the data', async () => {
    expectCohorts(await cohortRetention(small, ALL), [
      cell('2025-01', '2025-01', 0, 2, 2, 60),
      cell('2025-01', '2025-02', 1, 2, 1, 5), // C1 30 − 20; C2's return counts, but C2 is not active
      cell('2025-01', '2025-03', 2, 2, 1, 40),
      cell('2025-01', '2025-04', 3, 2, 0, 0),
      cell('2025-02', '2025-02', 0, 1, 1, 60),
      cell('2025-02', '2025-03', 1, 1, 0, 0),
      cell('2025-02', '2025-04', 2, 1, 1, 20),
      cell('2025-03', '2025-03', 0, 1, 1, 25), // C5's earlier return precedes the cohort
      cell('2025-03', '2025-04', 1, 1, 0, 0),
    ]);
  });

  it('is empty when there are no sales at all', async () => {
    const empty = await fixtureDb(SALES_HEADER);
    expect(await cohortRetention(empty, ALL)).toEqual([]);
    empty.close();
  });

  it('acquires customers at their first order inside the slice and stops at its end', async () => {
    expectCohorts(await cohortRetention(small, { ...ALL, from: '2025-02-01', to: '2025-03-31' }), [
      cell('2025-02', '2025-02', 0, 2, 2, 70), // C1 30 − 20, C3 60; C2 has only a return here
      cell('2025-02', '2025-03', 1, 2, 1, 40),
      cell('2025-03', '2025-03', 0, 1, 1, 25),
    ]);
  });
});
