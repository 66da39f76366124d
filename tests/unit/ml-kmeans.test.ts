import { describe, expect, it } from 'vitest';
import {
  NAMING_RULE,
  SILHOUETTE_SAMPLE_SIZE,
  chooseK,
  segmentCustomers,
  type CustomerRfmInput,
  type Segmentation,
} from '../../src/ml/segment/kmeans';

/** mulberry32: a tiny seeded PRNG so every fixture is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

interface Group {
  name: string;
  size: number;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/**
 * Customers scattered log-normally (σ = 0.12) around each group's centre: tight in the log
 * space the clustering uses, and far apart from each other there.
 */
function planted(groups: readonly Group[], seed: number): { input: CustomerRfmInput; truth: string[] } {
  const rand = mulberry32(seed);
  const ids: string[] = [];
  const truth: string[] = [];
  const r: number[] = [];
  const f: number[] = [];
  const m: number[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.size; i++) {
      ids.push(`${g.name}-${String(i).padStart(5, '0')}`);
      truth.push(g.name);
      const jitter = () => Math.exp(0.12 * normal(rand));
      r.push(Math.round(g.recencyDays * jitter()));
      f.push(Math.max(1, Math.round(g.frequency * jitter())));
      m.push(Math.round(g.monetary * jitter() * 100) / 100);
    }
  }
  return {
    input: { ids, recencyDays: Float64Array.from(r), frequency: Float64Array.from(f), monetary: Float64Array.from(m) },
    truth,
  };
}

/** A copy of the input with its rows in a seeded random order; perm[j] = original row of row j. */
function shuffled(input: CustomerRfmInput, seed: number): { input: CustomerRfmInput; perm: number[] } {
  const rand = mulberry32(seed);
  const perm = Array.from({ length: input.ids.length }, (_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return {
    perm,
    input: {
      ids: perm.map((i) => input.ids[i]!),
      recencyDays: Float64Array.from(perm, (i) => input.recencyDays[i]!),
      frequency: Float64Array.from(perm, (i) => input.frequency[i]!),
      monetary: Float64Array.from(perm, (i) => input.monetary[i]!),
    },
  };
}

/** Planted group → the one found cluster holding all of it (fails unless the match is one-to-one). */
function matchClusters(labels: Int32Array, truth: readonly string[]): Map<string, number> {
  const byGroup = new Map<string, Set<number>>();
  const byCluster = new Map<number, Set<string>>();
  truth.forEach((g, i) => {
    const c = labels[i]!;
    if (!byGroup.has(g)) byGroup.set(g, new Set());
    if (!byCluster.has(c)) byCluster.set(c, new Set());
    byGroup.get(g)!.add(c);
    byCluster.get(c)!.add(g);
  });
  for (const [g, cs] of byGroup) expect(cs.size, `group ${g} split over clusters ${[...cs].join(',')}`).toBe(1);
  for (const [c, gs] of byCluster) expect(gs.size, `cluster ${c} mixes ${[...gs].join(',')}`).toBe(1);
  return new Map([...byGroup].map(([g, cs]) => [g, [...cs][0]!]));
}

// Named after the segment each should get; sizes differ so that no order coincides with size.
const BUSINESS: Group[] = [
  { name: 'Active', size: 150, recencyDays: 3, frequency: 2, monetary: 60 },
  { name: 'Loyal', size: 120, recencyDays: 40, frequency: 12, monetary: 600 },
  { name: 'VIP', size: 50, recencyDays: 7, frequency: 40, monetary: 8000 },
  { name: 'At-Risk', size: 80, recencyDays: 400, frequency: 3, monetary: 250 },
];

function expectSameSegmentation(a: Segmentation, b: Segmentation): void {
  expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  expect(b.names).toEqual(a.names);
  expect(Array.from(b.sizes)).toEqual(Array.from(a.sizes));
  expect(b.centroids).toEqual(a.centroids);
  expect(b.inertia).toBe(a.inertia);
}

describe('segmentCustomers', () => {
  const { input, truth } = planted(BUSINESS, 7);

  it('finds four planted clusters with perfect purity and names them by the rule', () => {
    const seg = segmentCustomers(input);
    expect(seg.k).toBe(4);
    expect(seg.converged).toBe(true);
    const match = matchClusters(seg.labels, truth);
    for (const g of BUSINESS) {
      const c = match.get(g.name)!;
      expect(seg.names[c]).toBe(g.name);
      expect(seg.sizes[c]).toBe(g.size);
      // The centre in original units sits near the planted centre (a geometric-style mean).
      expect(seg.centroids[c]!.monetary / g.monetary).toBeGreaterThan(0.9);
      expect(seg.centroids[c]!.monetary / g.monetary).toBeLessThan(1.1);
    }
    // Clusters are numbered by value: VIP (highest revenue) is cluster 0.
    expect(seg.names[0]).toBe('VIP');
    const monetaryCentres = seg.centroids.map((c) => c.monetary);
    expect(monetaryCentres).toEqual([...monetaryCentres].sort((x, y) => y - x));
    // Totals add up.
    expect(Array.from(seg.sizes).reduce((s, x) => s + x, 0)).toBe(input.ids.length);
    const total = Array.from(input.monetary).reduce((s, x) => s + x, 0);
    expect(Array.from(seg.revenue).reduce((s, x) => s + x, 0)).toBeCloseTo(total, 6);
  });

  it('gives the same result on three runs and on a shuffled copy', () => {
    const runs = [segmentCustomers(input), segmentCustomers(input), segmentCustomers(input)];
    expectSameSegmentation(runs[0]!, runs[1]!);
    expectSameSegmentation(runs[0]!, runs[2]!);
    for (const seed of [1, 2]) {
      const { input: s, perm } = shuffled(input, seed);
      const seg = segmentCustomers(s);
      // Row j of the shuffled copy is row perm[j] of the original: same customer, same label.
      expect(Array.from(seg.labels)).toEqual(perm.map((i) => runs[0]!.labels[i]!));
      expect(seg.names).toEqual(runs[0]!.names);
      expect(seg.centroids).toEqual(runs[0]!.centroids);
    }
  });

  it('stays order-independent with duplicate ids', () => {
    const dup: CustomerRfmInput = {
      ids: [...input.ids.slice(0, 40), 'same', 'same', 'same'],
      recencyDays: Float64Array.from([...Array.from(input.recencyDays).slice(0, 40), 5, 500, 5]),
      frequency: Float64Array.from([...Array.from(input.frequency).slice(0, 40), 9, 1, 9]),
      monetary: Float64Array.from([...Array.from(input.monetary).slice(0, 40), 900, 20, 900]),
    };
    const base = segmentCustomers(dup, { k: 3 });
    const { input: s, perm } = shuffled(dup, 3);
    const seg = segmentCustomers(s, { k: 3 });
    expect(Array.from(seg.labels)).toEqual(perm.map((i) => base.labels[i]!));
  });

  it('follows the naming rule when the obvious reading would not', () => {
    // VIP: highest revenue. Of the rest, At-Risk has the oldest last order, even though it also
    // has more orders than Loyal. Of the last two, Loyal has more orders, though Active spends more.
    const groups: Group[] = [
      { name: 'VIP', size: 40, recencyDays: 10, frequency: 20, monetary: 10000 },
      { name: 'At-Risk', size: 60, recencyDays: 500, frequency: 15, monetary: 3000 },
      { name: 'Loyal', size: 70, recencyDays: 30, frequency: 8, monetary: 200 },
      { name: 'Active', size: 90, recencyDays: 2, frequency: 1, monetary: 800 },
    ];
    const { input: example, truth: exampleTruth } = planted(groups, 11);
    const seg = segmentCustomers(example, { k: 4 });
    const match = matchClusters(seg.labels, exampleTruth);
    for (const g of groups) expect(seg.names[match.get(g.name)!]).toBe(g.name);
    // Numbered by typical revenue: VIP 10000, At-Risk 3000, Active 800, Loyal 200.
    expect(seg.names).toEqual(['VIP', 'At-Risk', 'Active', 'Loyal']);
    expect(NAMING_RULE).toMatch(/VIP.*At-Risk.*Loyal.*Active/s);
  });

  it('names other k by value rank', () => {
    expect(segmentCustomers(input, { k: 3 }).names).toEqual([
      'Segment 1 (highest value)',
      'Segment 2',
      'Segment 3 (lowest value)',
    ]);
    expect(segmentCustomers(input, { k: 2 }).names).toEqual(['Segment 1 (highest value)', 'Segment 2 (lowest value)']);
    const one = segmentCustomers(input, { k: 1 });
    expect(one.names).toEqual(['All customers']);
    expect(Array.from(one.labels).every((c) => c === 0)).toBe(true);
  });

  it('clusters negative net revenue as 0 but reports it as it is', () => {
    // Active customers whose returns exceed their purchases: log1p would be NaN below −1.
    const negative = Float64Array.from(input.monetary, (v, i) => (truth[i] === 'Active' && i % 10 === 0 ? -v : v));
    const withReturns = segmentCustomers({ ...input, monetary: negative });
    const asZero = segmentCustomers({ ...input, monetary: negative.map((v) => Math.max(0, v)) });
    expect(Array.from(withReturns.labels)).toEqual(Array.from(asZero.labels));
    expect(withReturns.centroids).toEqual(asZero.centroids);
    expect(withReturns.centroids.every((c) => Number.isFinite(c.monetary) && c.monetary >= 0)).toBe(true);
    // Totals and means keep the negative amounts: revenue is net.
    const total = negative.reduce((s, x) => s + x, 0);
    expect(Array.from(withReturns.revenue).reduce((s, x) => s + x, 0)).toBeCloseTo(total, 6);
    expect(Array.from(withReturns.revenue).reduce((s, x) => s + x, 0)).toBeLessThan(
      Array.from(asZero.revenue).reduce((s, x) => s + x, 0),
    );
  });

  it('accepts the integer columns the RFM query returns', () => {
    const ints = segmentCustomers({
      ...input,
      recencyDays: Int32Array.from(input.recencyDays),
      frequency: Int32Array.from(input.frequency),
    });
    expectSameSegmentation(ints, segmentCustomers(input));
  });

  it('rejects impossible requests with a clear error', () => {
    const tiny: CustomerRfmInput = {
      ids: ['a', 'b', 'c'],
      recencyDays: Float64Array.of(1, 1, 2),
      frequency: Float64Array.of(1, 1, 1),
      monetary: Float64Array.of(5, 5, 9),
    };
    expect(() => segmentCustomers(tiny, { k: 3 })).toThrow(/fewer than 3 customers/);
    // Two distinct points are enough for k = 2: c (more revenue) is cluster 0, the twins a, b cluster 1.
    const two = segmentCustomers(tiny, { k: 2 });
    expect(Array.from(two.labels)).toEqual([1, 1, 0]);
    expect(Array.from(two.sizes)).toEqual([1, 2]);
    expect(() => segmentCustomers(tiny, { k: 0 })).toThrow(RangeError);
    expect(() => segmentCustomers({ ...tiny, monetary: Float64Array.of(1, Number.NaN, 2) })).toThrow(/non-finite/);
    expect(() => segmentCustomers({ ...tiny, frequency: Float64Array.of(1, 2) })).toThrow(/differ in length/);
  });
});

describe('chooseK', () => {
  it('scores k = 2…8 and the planted k has the best silhouette', () => {
    const { input } = planted(BUSINESS, 7);
    const res = chooseK(input, { seed: 42 });
    expect(res.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(res.silhouetteSampleSize).toBe(input.ids.length);
    const best = res.scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(4);
    expect(res.bestK).toBe(4);
    for (const s of res.scores) {
      expect(s.silhouette).toBeGreaterThan(-1);
      expect(s.silhouette).toBeLessThanOrEqual(1);
      expect(s.inertia).toBeGreaterThan(0);
    }
    // Inertia at the planted k is far below k = 3's: the elbow.
    expect(res.scores[2]!.inertia).toBeLessThan(res.scores[1]!.inertia / 3);
  });

  it('samples the silhouette above the limit, deterministically and independent of row order', () => {
    const scaled = BUSINESS.map((g) => ({ ...g, size: g.size * 16 })); // 6,400 customers
    const { input } = planted(scaled, 5);
    expect(input.ids.length).toBeGreaterThan(SILHOUETTE_SAMPLE_SIZE);
    const a = chooseK(input, { kMin: 3, kMax: 5 });
    expect(a.silhouetteSampleSize).toBe(SILHOUETTE_SAMPLE_SIZE);
    expect(a.bestK).toBe(4);
    const b = chooseK(shuffled(input, 9).input, { kMin: 3, kMax: 5 });
    expect(b).toEqual(a);
  });

  it('skips k above the number of distinct customers and validates its range', () => {
    const tiny: CustomerRfmInput = {
      ids: ['a', 'b', 'c', 'd'],
      recencyDays: Float64Array.of(1, 50, 300, 1),
      frequency: Float64Array.of(9, 3, 1, 9),
      monetary: Float64Array.of(900, 90, 9, 900),
    };
    expect(chooseK(tiny).scores.map((s) => s.k)).toEqual([2, 3]);
    expect(() => chooseK(tiny, { kMin: 1 })).toThrow(RangeError);
    expect(() => chooseK(tiny, { kMin: 5, kMax: 4 })).toThrow(RangeError);
  });
});
