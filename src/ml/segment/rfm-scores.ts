/**
 * Classic RFM scoring: quintile scores 1–5 for recency, frequency and monetary value, and the
 * usual named segments read off an R × FM score grid. Pure and deterministic: the same
 * numbers give the same scores whatever order the customers come in.
 */

/** Per-customer RFM columns: index i is one customer (Float64Array or the query's Int32Array). */
export interface CustomerRfmInput {
  /** Customer ids; only the k-means module uses them (to put rows in a canonical order). */
  ids: readonly string[];
  /** Days from the customer's last order to the end date (smaller = more recent). */
  recencyDays: ArrayLike<number>;
  /** Distinct orders. */
  frequency: ArrayLike<number>;
  /** Net revenue (returns count negative, so it can be below 0). */
  monetary: ArrayLike<number>;
}

/** RFM scores per customer, 1–5 each (5 = best: most recent, most orders, most revenue). */
export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

/**
 * Quintile score 1–5 of every value; `higherIsBetter = false` scores small values 5 (recency).
 *
 * Rule: order the customers from worst to best; a customer's rank is its 1-based position,
 * and tied values all get the mean of their positions (average ranks), so equal values always
 * share a score and no tie is broken by input order. The score is
 * `floor(5 · (rank − ½) / n) + 1`: the quintile of the rank's mid-point percentile (Hazen).
 * With n = 10 and no ties that gives 1,1,2,2,3,3,4,4,5,5; when every value is equal, every
 * customer scores 3 (the middle), whatever n is. Heavily tied columns (most customers with
 * one order, say) therefore skip scores: that is honest, where splitting a tie would rank
 * identical customers differently.
 * @example quintileScores(Float64Array.of(10, 20, 20, 40, 50), true) // → [1, 3, 3, 4, 5]
 */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const sign = higherIsBetter ? 1 : -1;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`RFM scores need finite numbers: value ${String(v)} at row ${i}.`);
    key[i] = sign * v;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => key[a]! - key[b]!);
  let start = 0;
  while (start < n) {
    const v = key[order[start]!]!;
    let end = start + 1;
    while (end < n && key[order[end]!]! === v) end++;
    // Positions start+1 … end (1-based) share the mean rank.
    const rank = (start + 1 + end) / 2;
    const score = Math.min(5, Math.floor((5 * (rank - 0.5)) / n) + 1);
    for (let p = start; p < end; p++) scores[order[p]!] = score;
    start = end;
  }
  return scores;
}

/** R, F and M quintile scores of every customer (recency: fewer days = higher score). */
export function rfmScores(input: Pick<CustomerRfmInput, 'recencyDays' | 'frequency' | 'monetary'>): RfmScores {
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) {
    throw new RangeError(`RFM columns differ in length: ${n}, ${input.frequency.length}, ${input.monetary.length}.`);
  }
  return {
    r: quintileScores(input.recencyDays, false),
    f: quintileScores(input.frequency, true),
    m: quintileScores(input.monetary, true),
  };
}

/** The named RFM segments, best first (the order the Customers page lists them in). */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalists',
  'New Customers',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;

/** One of the named RFM segments. */
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

/** The combined frequency–monetary score: the mean of F and M, halves rounded up (F 4, M 5 → 5). */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

/*
 * The R × FM grid. Rows are R (5 at the top), columns FM = fmScore(F, M) from 1 to 5.
 *
 *          FM 1             FM 2                 FM 3                 FM 4              FM 5
 *   R 5   New Customers    Potential Loyalists  Potential Loyalists  Champions         Champions
 *   R 4   Promising        Potential Loyalists  Potential Loyalists  Loyal Customers   Loyal Customers
 *   R 3   About to Sleep   About to Sleep       Need Attention       Loyal Customers   Loyal Customers
 *   R 2   Hibernating      Hibernating          At Risk              At Risk           Can't Lose Them
 *   R 1   Lost             Lost                 At Risk              At Risk           Can't Lose Them
 *
 * Source: the 10-segment R × F `seg_map` widely copied in pandas RFM tutorials (Champions =
 * R5 F4–5, Loyal = R3–4 F4–5, Potential Loyalists = R4–5 F2–3, New = R5 F1, Promising = R4 F1,
 * Need Attention = R3 F3, About to Sleep = R3 F1–2, At Risk = R1–2 F3–4, Can't Lose =
 * R1–2 F5, Hibernating = R1–2 F1–2), with FM in place of F as in Putler's R vs. F-M table ("RFM Analysis for Successful
 * Customer Segmentation", https://www.putler.com/rfm-analysis/) and the rfm R package
 * (https://rfm.rsquaredacademy.com/, `rfm_segment()`). Those tables list overlapping score
 * ranges and add an eleventh segment, Lost (the lowest R and FM); we take the non-overlapping
 * map and split its Hibernating block by R, so R 1 with FM 1–2 is Lost. Every one of the 25
 * cells has exactly one name, so no customer falls into "Others".
 */
const GRID: readonly (readonly RfmSegmentName[])[] = [
  /* R 1 */ ['Lost', 'Lost', 'At Risk', 'At Risk', "Can't Lose Them"],
  /* R 2 */ ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose Them"],
  /* R 3 */ ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal Customers', 'Loyal Customers'],
  /* R 4 */ ['Promising', 'Potential Loyalists', 'Potential Loyalists', 'Loyal Customers', 'Loyal Customers'],
  /* R 5 */ ['New Customers', 'Potential Loyalists', 'Potential Loyalists', 'Champions', 'Champions'],
];

/** The grid above as text, for the page to show how segments are assigned. */
export const RFM_GRID_RULE =
  'FM = mean of F and M, halves rounded up. ' +
  'Champions: R 5, FM 4–5. Loyal Customers: R 3–4, FM 4–5. Potential Loyalists: R 4–5, FM 2–3. ' +
  'New Customers: R 5, FM 1. Promising: R 4, FM 1. Need Attention: R 3, FM 3. ' +
  'About to Sleep: R 3, FM 1–2. At Risk: R 1–2, FM 3–4. ' +
  "Can't Lose Them: R 1–2, FM 5. Hibernating: R 2, FM 1–2. Lost: R 1, FM 1–2.";

function checkScore(name: string, s: number): void {
  if (!Number.isInteger(s) || s < 1 || s > 5)
    throw new RangeError(`${name} score must be an integer 1–5, got ${String(s)}.`);
}

/** The named segment of one customer's R, F and M scores (each 1–5). */
export function rfmSegment(r: number, f: number, m: number): RfmSegmentName {
  checkScore('R', r);
  checkScore('F', f);
  checkScore('M', m);
  return GRID[r - 1]![fmScore(f, m) - 1]!;
}

/** The segment of every customer, as an index into RFM_SEGMENTS (compact to transfer from a worker). */
export function rfmSegmentIndices(scores: RfmScores): Uint8Array {
  const n = scores.r.length;
  const out = new Uint8Array(n);
  const index = new Map<RfmSegmentName, number>(RFM_SEGMENTS.map((s, i) => [s, i]));
  for (let i = 0; i < n; i++) out[i] = index.get(rfmSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!))!;
  return out;
}
