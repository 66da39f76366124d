import { describe, expect, it } from 'vitest';
import {
  RFM_SEGMENTS,
  fmScore,
  quintileScores,
  rfmScores,
  rfmSegment,
  rfmSegmentIndices,
  type RfmSegmentName,
} from '../../src/ml/segment/rfm-scores';

// Ten customers, worked out by hand below. With n = 10 the score of an (average) rank is
// floor((rank − 0.5) / 2) + 1: ranks 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5, and
// tied mid-ranks 2.5 → 2, 4.5 → 3, 8.5 → 5.
const FIXTURE = {
  ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
  recencyDays: Float64Array.of(5, 10, 10, 30, 60, 90, 120, 200, 365, 400),
  frequency: Float64Array.of(12, 8, 1, 5, 1, 3, 2, 1, 6, 1),
  monetary: Float64Array.of(1500, 900, 40, 400, 60, 250, 60, 30, 700, 15),
};

// R, worst first: 400 (1) 365 (2) 200 (3) 120 (4) 90 (5) 60 (6) 30 (7) 10,10 (8.5) 5 (10).
const EXPECTED_R = [5, 5, 5, 4, 3, 3, 2, 2, 1, 1];
// F: 1,1,1,1 (ranks 1–4 → 2.5) 2 (5) 3 (6) 5 (7) 6 (8) 8 (9) 12 (10).
const EXPECTED_F = [5, 5, 2, 4, 2, 3, 3, 2, 4, 2];
// M: 15 (1) 30 (2) 40 (3) 60,60 (4.5) 250 (6) 400 (7) 700 (8) 900 (9) 1500 (10).
const EXPECTED_M = [5, 5, 2, 4, 3, 3, 3, 1, 4, 1];
// FM = floor((F + M + 1) / 2): a 5, b 5, c 2, d 4, e 3, f 3, g 3, h 2, i 4, j 2.
const EXPECTED_SEGMENTS: RfmSegmentName[] = [
  'Champions', // a: R5 FM5
  'Champions', // b: R5 FM5
  'Potential Loyalists', // c: R5 FM2
  'Loyal Customers', // d: R4 FM4
  'Need Attention', // e: R3 FM3
  'Need Attention', // f: R3 FM3
  'At Risk', // g: R2 FM3
  'Hibernating', // h: R2 FM2
  'At Risk', // i: R1 FM4
  'Lost', // j: R1 FM2
];

describe('RFM quintile scores', () => {
  it('scores the hand-computed fixture, ties sharing a score', () => {
    const s = rfmScores(FIXTURE);
    expect(Array.from(s.r)).toEqual(EXPECTED_R);
    expect(Array.from(s.f)).toEqual(EXPECTED_F);
    expect(Array.from(s.m)).toEqual(EXPECTED_M);
  });

  it('does not depend on row order', () => {
    const rev = {
      recencyDays: FIXTURE.recencyDays.slice().reverse(),
      frequency: FIXTURE.frequency.slice().reverse(),
      monetary: FIXTURE.monetary.slice().reverse(),
    };
    const s = rfmScores(rev);
    expect(Array.from(s.r).reverse()).toEqual(EXPECTED_R);
    expect(Array.from(s.f).reverse()).toEqual(EXPECTED_F);
    expect(Array.from(s.m).reverse()).toEqual(EXPECTED_M);
  });

  it.each([
    ['no ties, n = 5', [10, 20, 30, 40, 50], true, [1, 2, 3, 4, 5]],
    ['no ties, n = 5, lower is better', [10, 20, 30, 40, 50], false, [5, 4, 3, 2, 1]],
    ['a tie on ranks 2–3 (mid-rank 2.5)', [10, 20, 20, 40, 50], true, [1, 3, 3, 4, 5]],
    ['all equal → the middle score', [7, 7, 7, 7], true, [3, 3, 3, 3]],
    ['a single customer → the middle score', [7], true, [3]],
    ['recency 0 and −0 are one tie', [0, -0, 5], false, [4, 4, 1]],
  ] as const)('%s', (_name, values, higherIsBetter, expected) => {
    expect(Array.from(quintileScores(Float64Array.from(values), higherIsBetter))).toEqual(expected);
  });

  it('accepts the integer columns the RFM query returns', () => {
    expect(Array.from(quintileScores(Int32Array.of(3, 1, 2), true))).toEqual([5, 1, 3]);
  });

  it('rejects non-finite values and mismatched columns', () => {
    expect(() => quintileScores(Float64Array.of(1, Number.NaN), true)).toThrow(RangeError);
    expect(() =>
      rfmScores({ recencyDays: new Float64Array(2), frequency: new Float64Array(1), monetary: new Float64Array(2) }),
    ).toThrow(RangeError);
  });
});

describe('RFM named segments', () => {
  it('names the fixture customers', () => {
    const s = rfmScores(FIXTURE);
    const names = Array.from(s.r, (r, i) => rfmSegment(r, s.f[i]!, s.m[i]!));
    expect(names).toEqual(EXPECTED_SEGMENTS);
    expect(Array.from(rfmSegmentIndices(s), (i) => RFM_SEGMENTS[i])).toEqual(EXPECTED_SEGMENTS);
  });

  it.each([
    [5, 5, 4, 'Champions'], // FM 4.5 → 5
    [4, 5, 5, 'Loyal Customers'],
    [3, 4, 5, 'Loyal Customers'], // FM 4.5 → 5
    [5, 2, 3, 'Potential Loyalists'], // FM 2.5 → 3
    [4, 2, 2, 'Potential Loyalists'],
    [5, 1, 1, 'New Customers'],
    [4, 1, 1, 'Promising'],
    [3, 3, 3, 'Need Attention'],
    [3, 1, 2, 'About to Sleep'], // FM 1.5 → 2
    [2, 3, 4, 'At Risk'], // FM 3.5 → 4
    [1, 3, 3, 'At Risk'],
    [2, 5, 5, "Can't Lose Them"],
    [1, 4, 5, "Can't Lose Them"], // FM 4.5 → 5
    [2, 1, 2, 'Hibernating'],
    [1, 1, 1, 'Lost'],
    [1, 2, 2, 'Lost'],
  ] as const)('R %i F %i M %i → %s', (r, f, m, expected) => {
    expect(rfmSegment(r, f, m)).toBe(expected);
  });

  it('covers all 125 score combinations with every named segment', () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) used.add(rfmSegment(r, f, m));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('rounds the FM mean half up', () => {
    expect([fmScore(1, 1), fmScore(1, 2), fmScore(2, 3), fmScore(4, 5), fmScore(5, 5)]).toEqual([1, 2, 3, 5, 5]);
  });

  it('rejects scores outside 1–5', () => {
    expect(() => rfmSegment(0, 3, 3)).toThrow(RangeError);
    expect(() => rfmSegment(3, 6, 3)).toThrow(RangeError);
    expect(() => rfmSegment(3, 3, 2.5)).toThrow(RangeError);
  });
});
