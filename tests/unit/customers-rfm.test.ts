import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { customerRfm, type CustomerRfmColumns } from '../../src/data/queries/customers';
import { builtinDb, fixtureDb, SALES_HEADER } from '../helpers/builtin-db';
import { readLines, slice, type Line, type Slice } from '../helpers/expected';

/** One customer's figures in the test's own terms (days as YYYY-MM-DD). */
interface Rfm {
  firstDay: string;
  lastDay: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  tenureDays: number;
  aov: number;
  avgDaysBetweenOrders: number | null;
  bg: { frequency: number; recency: number; T: number; monetary: number };
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const daysBetween = (a: string, b: string) => Math.round((dayMs(b) - dayMs(a)) / 86_400_000);

/** RFM computed line by line from already sliced lines, as a spreadsheet would. */
function expectedRfm(lines: Line[], endDay: string): Map<string, Rfm> {
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
  const byCustomer = new Map<string, { net: number; orders: number; days: Map<string, number> }>();
  for (const t of tx.values()) {
    const c = byCustomer.get(t.customer) ?? { net: 0, orders: 0, days: new Map<string, number>() };
    c.net += t.revenue;
    if (t.order) {
      c.orders += 1;
      c.days.set(t.day, (c.days.get(t.day) ?? 0) + t.revenue);
    }
    byCustomer.set(t.customer, c);
  }
  const out = new Map<string, Rfm>();
  for (const [id, c] of byCustomer) {
    if (c.orders === 0) continue;
    const days = [...c.days.keys()].sort();
    const first = days[0] ?? '';
    const last = days[days.length - 1] ?? '';
    const repeatValues = days.slice(1).map((d) => c.days.get(d) ?? 0);
    const tenure = daysBetween(first, last);
    out.set(id, {
      firstDay: first,
      lastDay: last,
      recencyDays: daysBetween(last, endDay),
      frequency: c.orders,
      monetary: c.net,
      tenureDays: tenure,
      aov: c.net / c.orders,
      avgDaysBetweenOrders: c.orders > 1 ? tenure / (c.orders - 1) : null,
      bg: {
        frequency: days.length - 1,
        recency: tenure / 7,
        T: daysBetween(first, endDay) / 7,
        monetary: repeatValues.length ? repeatValues.reduce((a, v) => a + v, 0) / repeatValues.length : 0,
      },
    });
  }
  return out;
}

/** The query's columns as the test's records, to compare whole customers at once. */
function records(r: CustomerRfmColumns): Map<string, Rfm> {
  const iso = (ms: number | undefined) => new Date(ms ?? NaN).toISOString().slice(0, 10);
  const out = new Map<string, Rfm>();
  for (let i = 0; i < r.length; i++) {
    out.set(r.ids[i] ?? '', {
      firstDay: iso(r.firstDay[i]),
      lastDay: iso(r.lastDay[i]),
      recencyDays: r.recencyDays[i] ?? NaN,
      frequency: r.frequency[i] ?? NaN,
      monetary: r.monetary[i] ?? NaN,
      tenureDays: r.tenureDays[i] ?? NaN,
      aov: r.aov[i] ?? NaN,
      avgDaysBetweenOrders: r.avgDaysBetweenOrders[i] ?? null,
      bg: {
        frequency: r.bgnbd.frequency[i] ?? NaN,
        recency: r.bgnbd.recency[i] ?? NaN,
        T: r.bgnbd.T[i] ?? NaN,
        monetary: r.bgnbd.monetary[i] ?? NaN,
      },
    });
  }
  return out;
}

function expectRfm(actual: CustomerRfmColumns, expected: Map<string, Rfm>) {
  const got = records(actual);
  expect([...got.keys()]).toEqual([...expected.keys()].sort());
  for (const [id, e] of expected) {
    const a = got.get(id);
    if (!a) throw new Error(`missing customer ${id}`);
    const where = `customer ${id}`;
    expect({ id, firstDay: a.firstDay, lastDay: a.lastDay }, where).toEqual({
      id,
      firstDay: e.firstDay,
      lastDay: e.lastDay,
    });
    expect([a.recencyDays, a.frequency, a.tenureDays, a.bg.frequency], where).toEqual([
      e.recencyDays,
      e.frequency,
      e.tenureDays,
      e.bg.frequency,
    ]);
    expect(a.monetary, where).toBeCloseTo(e.monetary, 6);
    expect(a.aov, where).toBeCloseTo(e.aov, 6);
    if (e.avgDaysBetweenOrders === null) expect(a.avgDaysBetweenOrders, where).toBeNull();
    else expect(a.avgDaysBetweenOrders, where).toBeCloseTo(e.avgDaysBetweenOrders, 9);
    expect(a.bg.recency, where).toBeCloseTo(e.bg.recency, 9);
    expect(a.bg.T, where).toBeCloseTo(e.bg.T, 9);
    expect(a.bg.monetary, where).toBeCloseTo(e.bg.monetary, 6);
  }
}

describe('customerRfm on the built-in data', () => {
  let db: Connector & { close(): void };
  let lines: Line[];
  let lastDay: string;
  beforeAll(async () => {
    db = await builtinDb();
    lines = readLines();
    lastDay = lines.reduce((m, l) => (l.day > m ? l.day : m), '');
  });
  afterAll(() => db.close());

  it('matches figures computed line by line for every customer, measured from the last sale', async () => {
    const result = await customerRfm(db, ALL);
    expect(result.endDay).toBe(dayMs(lastDay));
    expect(result.length).toBeGreaterThan(1000);
    expectRfm(result, expectedRfm(lines, lastDay));
  });

  it.each<Slice>([
    { from: '2025-01-01', to: '2025-06-30', regions: ['North'] },
    { from: '2024-03-01', to: '2024-12-31', regions: ['East', 'West'], categories: ['Electronics'] },
    { from: '2025-07-01', regions: ['South'] },
  ])('matches a filtered slice, measured from its last day (else the last sale): %o', async (s) => {
    const f: Filters = { ...ALL, ...s, categories: s.categories ?? [], regions: s.regions ?? [] };
    const result = await customerRfm(db, f);
    const end = s.to ?? lastDay;
    expect(result.endDay).toBe(dayMs(end));
    expect(result.length).toBeGreaterThan(50);
    expectRfm(result, expectedRfm(slice(lines, s), end));
  });

  it('accounts for all net revenue when every customer has an order', async () => {
    const result = await customerRfm(db, ALL);
    // Every built-in customer has an order, so all revenue belongs to someone here.
    const total = result.monetary.reduce((a, v) => a + v, 0);
    expect(total).toBeCloseTo(
      lines.reduce((a, l) => a + l.revenue, 0),
      2,
    );
  });

  it('returns empty columns for an empty slice, still saying the end day', async () => {
    const result = await customerRfm(db, { ...ALL, regions: ['Atlantis'] });
    expect(result.length).toBe(0);
    expect(result.ids).toEqual([]);
    expect(result.endDay).toBe(dayMs(lastDay));
  });

  it('treats a hostile filter value as data, never as SQL', async () => {
    const result = await customerRfm(db, { ...ALL, regions: ["North' OR '1'='1"] });
    expect(result.length).toBe(0);
  });
});

describe('customerRfm on hand-made data', () => {
  // C1: two orders on Jan 1, one on Jan 15 and Jan 22, a return on Jan 20.
  // C2: one order. C3: two orders on the same day only. C4: only a return.
  // The last line has no customer, but it is the data's last sale, so the end date.
  const csv = [
    SALES_HEADER,
    'T1,2025-01-01 09:00:00,C1,P1,Widget,A,North,2,10.00,0.00,20.00,4.00',
    'T1,2025-01-01 09:00:00,C1,P2,Gadget,B,North,1,5.00,0.00,5.00,1.00',
    'T2,2025-01-01 17:30:00,C1,P2,Gadget,B,North,2,5.00,0.00,10.00,1.00',
    'T3,2025-01-05 10:00:00,C3,P1,Widget,A,South,1,15.00,0.00,15.00,4.00',
    'T4,2025-01-05 16:00:00,C3,P1,Widget,A,South,1,25.00,0.00,25.00,4.00',
    'T5,2025-01-10 12:00:00,C2,P1,Widget,A,South,1,10.00,0.10,9.00,4.00',
    'R1,2025-01-12 12:00:00,C4,P1,Widget,A,South,-1,10.00,0.00,-10.00,4.00',
    'T6,2025-01-15 11:00:00,C1,P1,Widget,A,North,3,10.00,0.00,30.00,4.00',
    'R2,2025-01-20 15:00:00,C1,P1,Widget,A,North,-1,10.00,0.00,-10.00,4.00',
    'T7,2025-01-22 08:00:00,C1,P1,Widget,A,North,4,10.00,0.00,40.00,4.00',
    'T8,2025-01-31 18:00:00,,P1,Widget,A,North,10,10.00,0.00,100.00,4.00',
  ].join('\n');
  let small: Connector & { close(): void };
  beforeAll(async () => {
    small = await fixtureDb(csv);
  });
  afterAll(() => small.close());

  it('gives the hand-computed figures, measured from the last sale in the data', async () => {
    const result = await customerRfm(small, ALL);
    expect(result.endDay).toBe(dayMs('2025-01-31'));
    const expected = new Map<string, Rfm>([
      [
        'C1',
        {
          firstDay: '2025-01-01',
          lastDay: '2025-01-22',
          recencyDays: 9,
          frequency: 4, // T1, T2, T6, T7; the return R2 is not an order
          monetary: 95, // 25 + 10 + 30 − 10 + 40
          tenureDays: 21,
          aov: 23.75,
          avgDaysBetweenOrders: 7, // 21 days over 3 gaps
          // purchase days Jan 1 (35), Jan 15 (30), Jan 22 (40): repeats are the last two
          bg: { frequency: 2, recency: 3, T: 30 / 7, monetary: 35 },
        },
      ],
      [
        'C2',
        {
          firstDay: '2025-01-10',
          lastDay: '2025-01-10',
          recencyDays: 21,
          frequency: 1,
          monetary: 9,
          tenureDays: 0,
          aov: 9,
          avgDaysBetweenOrders: null,
          bg: { frequency: 0, recency: 0, T: 3, monetary: 0 },
        },
      ],
      [
        'C3',
        {
          firstDay: '2025-01-05',
          lastDay: '2025-01-05',
          recencyDays: 26,
          frequency: 2,
          monetary: 40,
          tenureDays: 0,
          aov: 20,
          avgDaysBetweenOrders: 0,
          // two orders, one purchase day: no repeat purchase in BG/NBD's terms
          bg: { frequency: 0, recency: 0, T: 26 / 7, monetary: 0 },
        },
      ],
    ]);
    expectRfm(result, expected);
    // The line-by-line reference agrees with the hand-written figures.
    expectRfm(result, expectedRfm(readFixture(csv), '2025-01-31'));
  });

  it('measures from the filter end date and leaves out what the slice leaves out', async () => {
    const result = await customerRfm(small, { ...ALL, to: '2025-01-20', regions: ['North'] });
    expect(result.endDay).toBe(dayMs('2025-01-20'));
    expect(result.ids).toEqual(['C1']);
    expectRfm(
      result,
      new Map<string, Rfm>([
        [
          'C1',
          {
            firstDay: '2025-01-01',
            lastDay: '2025-01-15',
            recencyDays: 5,
            frequency: 3,
            monetary: 55, // 25 + 10 + 30 − 10
            tenureDays: 14,
            aov: 55 / 3,
            avgDaysBetweenOrders: 7,
            bg: { frequency: 1, recency: 2, T: 19 / 7, monetary: 30 },
          },
        ],
      ]),
    );
  });

  it('counts a category filter on lines: an order keeps only its chosen lines', async () => {
    const result = await customerRfm(small, { ...ALL, categories: ['B'] });
    expect(result.ids).toEqual(['C1']);
    expect(result.frequency[0]).toBe(2); // T1 (its Gadget line) and T2
    expect(result.monetary[0]).toBeCloseTo(15, 9);
    expect(result.bgnbd.frequency[0]).toBe(0);
  });
});

describe('customerRfm without data', () => {
  it('returns no customers and no end day when there are no sales', async () => {
    const empty = await fixtureDb(SALES_HEADER);
    const result = await customerRfm(empty, ALL);
    expect(result.length).toBe(0);
    expect(result.endDay).toBeNull();
    empty.close();
  });
});

/** The fixture read by the test's own CSV reader, as `Line`s. */
function readFixture(text: string): Line[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'tillsight-rfm-'));
  try {
    const file = path.join(dir, 'sales.csv');
    writeFileSync(file, text);
    return readLines(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
