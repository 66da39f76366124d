/**
 * Customer segmentation with k-means (ml-kmeans's Lloyd iterations from a seeded k-means++
 * start) on standardised log-RFM features, with stable names and a k chooser (inertia and
 * silhouette).
 *
 * Determinism: rows are put in a canonical order (by id, then by their values) before anything
 * is computed, clusters are numbered by a key of their content, and every random choice comes
 * from the seed. So the same customers give the same labels and names on every run and in
 * any input order.
 */
import { kmeans } from 'ml-kmeans';
import type { CustomerRfmInput } from './rfm-scores';
import { mulberry32 } from '../random';

export type { CustomerRfmInput } from './rfm-scores';

/** A point in original units: days since the last order, orders, net revenue. */
export interface RfmPoint {
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** Options of segmentCustomers. */
export interface SegmentOptions {
  /** Number of segments (default 4, the only k with business names). */
  k?: number;
  /** Seed of the k-means++ initialisation (default 42). */
  seed?: number;
  /** Lloyd iterations cap (default 100, as ml-kmeans). */
  maxIterations?: number;
}

/** Result of segmentCustomers; cluster c is described by names[c], sizes[c], centroids[c] … */
export interface Segmentation {
  k: number;
  /** Cluster of each input row, in the input's order; clusters are numbered by value, 0 = highest. */
  labels: Int32Array;
  /** Display name of each cluster (see NAMING_RULE). */
  names: string[];
  /** Customers in each cluster. */
  sizes: Int32Array;
  /**
   * Cluster centres in original units: the centre in log space mapped back with expm1, i.e. the
   * cluster's "typical" customer (a geometric-style mean, robust to a few huge spenders).
   * Monetary is ≥ 0 here because it was clamped at 0 before the log.
   */
  centroids: RfmPoint[];
  /** Arithmetic means of the raw (unclamped) values in each cluster. */
  means: RfmPoint[];
  /** Total net revenue of each cluster. */
  revenue: Float64Array;
  /** Cluster centres in the standardised log space the clustering ran in ([r, f, m] z-scores). */
  centroidsStandardized: number[][];
  /** Sum of squared distances to the assigned centre, in the standardised space. */
  inertia: number;
  /** Lloyd iterations ml-kmeans ran. */
  iterations: number;
  /** False when maxIterations stopped it before the centres settled. */
  converged: boolean;
}

/** Options of chooseK. */
export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  maxIterations?: number;
}

/** Quality of one k: inertia (lower is tighter) and mean silhouette (−1…1, higher is better). */
export interface KScore {
  k: number;
  inertia: number;
  /** NaN when fewer than two clusters are present in the silhouette sample. */
  silhouette: number;
}

/** Result of chooseK. */
export interface ChooseKResult {
  /** One entry per k tried, in increasing k. */
  scores: KScore[];
  /** The k with the highest silhouette (the smaller k on a tie). */
  bestK: number;
  /** Customers the silhouette was computed on (all of them up to SILHOUETTE_SAMPLE_SIZE). */
  silhouetteSampleSize: number;
}

/** Above this many customers the O(n²) silhouette runs on a deterministic sample of this size. */
export const SILHOUETTE_SAMPLE_SIZE = 5000;

/** How clusters get their names, in words, for the Customers page to show. */
export const NAMING_RULE =
  'Segments are listed by typical net revenue, highest first. With 4 segments: VIP is the one ' +
  'with the highest typical revenue; of the other three, At-Risk is the one whose customers ' +
  'last ordered the longest ago; of the remaining two, Loyal is the one with more orders; the ' +
  'last one is Active. A tie goes to the segment listed first. With any other number they are ' +
  'named by revenue rank: "Segment 1 (highest value)" … "Segment k (lowest value)". ' +
  '"Typical" is the cluster centre on the log scale the clustering uses.';

const DIMS = 3;
const R = 0;
const F = 1;
const M = 2;

interface Prepared {
  n: number;
  /** order[p] = input row at canonical position p. */
  order: Int32Array;
  /** Standardised log features, n × 3, in canonical order. */
  z: Float64Array;
  mean: Float64Array;
  std: Float64Array;
}

interface RawClustering {
  /** Cluster of each canonical position, numbered by ml-kmeans. */
  clusters: Int32Array;
  /** Centres in z space, numbered by ml-kmeans. */
  centers: number[][];
  iterations: number;
  converged: boolean;
}

function compareIds(a: string, b: string): number {
  // Code-unit order, not localeCompare: the order must not depend on the browser's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

function prepare(input: CustomerRfmInput): Prepared {
  const n = input.ids.length;
  const { recencyDays, frequency, monetary, ids } = input;
  if (recencyDays.length !== n || frequency.length !== n || monetary.length !== n) {
    throw new RangeError(
      `Customer columns differ in length: ids ${n}, recency ${recencyDays.length}, frequency ${frequency.length}, monetary ${monetary.length}.`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(recencyDays[i]!) || !Number.isFinite(frequency[i]!) || !Number.isFinite(monetary[i]!)) {
      throw new RangeError(
        `Customer ${ids[i]!} (row ${i}) has a missing or non-finite recency, frequency or monetary value.`,
      );
    }
  }

  // Canonical order: floating-point sums (means, centres) and the seeded initialisation all
  // depend on row order, so fixing it is what makes the result independent of the input order.
  // Values break id ties so that even duplicate ids cannot make the order input-dependent.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      compareIds(ids[a]!, ids[b]!) ||
      recencyDays[a]! - recencyDays[b]! ||
      frequency[a]! - frequency[b]! ||
      monetary[a]! - monetary[b]!,
  );

  const z = new Float64Array(n * DIMS);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    // log1p tames the long right tails of all three; clamping at 0 keeps log1p defined for net
    // revenue below 0 (returns exceed purchases) and for an order dated after the end date.
    z[p * DIMS + R] = Math.log1p(Math.max(0, recencyDays[i]!));
    z[p * DIMS + F] = Math.log1p(Math.max(0, frequency[i]!));
    z[p * DIMS + M] = Math.log1p(Math.max(0, monetary[i]!));
  }
  const mean = new Float64Array(DIMS);
  const std = new Float64Array(DIMS);
  for (let d = 0; d < DIMS; d++) {
    let s = 0;
    for (let p = 0; p < n; p++) s += z[p * DIMS + d]!;
    const mu = n > 0 ? s / n : 0;
    let ss = 0;
    for (let p = 0; p < n; p++) ss += (z[p * DIMS + d]! - mu) ** 2;
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    mean[d] = mu;
    // A constant feature carries no information: divide by 1 so it becomes all zeros, not NaN.
    std[d] = sd > 1e-12 ? sd : 1;
    for (let p = 0; p < n; p++) z[p * DIMS + d] = (z[p * DIMS + d]! - mu) / std[d]!;
  }
  return { n, order, z, mean, std };
}

/** Whether the features hold at least k distinct points (fewer would leave k-means++ with nothing to pick). */
function hasDistinct(p: Prepared, k: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < p.n && seen.size < k; i++) {
    seen.add(`${p.z[i * DIMS]!},${p.z[i * DIMS + 1]!},${p.z[i * DIMS + 2]!}`);
  }
  return seen.size >= k;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${String(k)}.`);
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's 2 + ⌊ln k⌋ local
 * trials per centre, as ml-kmeans's own 'kmeans++' does), on typed arrays.
 * Why not ml-kmeans's: it materialises an ml-matrix row per point per trial, which took ~450 of
 * the ~700 ms a 100k-customer run needed; this is the same algorithm in a few milliseconds.
 * Needs at least k distinct points (checked by the caller), so every draw has positive weight.
 */
function kmeansPlusPlus(z: Float64Array, n: number, k: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const point = (i: number): number[] => [z[i * DIMS]!, z[i * DIMS + 1]!, z[i * DIMS + 2]!];
  const d2 = (i: number, c: readonly number[]): number => {
    const dx = z[i * DIMS]! - c[0]!;
    const dy = z[i * DIMS + 1]! - c[1]!;
    const dz = z[i * DIMS + 2]! - c[2]!;
    return dx * dx + dy * dy + dz * dz;
  };
  const centers: number[][] = [point(Math.floor(rand() * n))];
  let closest = new Float64Array(n);
  let scratch = new Float64Array(n);
  let best = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = d2(i, centers[0]!);
  const cum = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) cum[i] = total += closest[i]!;
    let bestPot = Infinity;
    let bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      // First index whose cumulative weight exceeds the draw: a zero-weight point (already a
      // centre, or a duplicate of one) can never be picked.
      const target = rand() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      while (lo > 0 && closest[lo] === 0) lo--; // only if rounding pushed the draw past the end
      const cand = point(lo);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i]!, d2(i, cand));
        scratch[i] = d;
        pot += d;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestIdx = lo;
        [best, scratch] = [scratch, best];
      }
    }
    centers.push(point(bestIdx));
    [closest, best] = [best, closest];
  }
  return centers;
}

function runKmeans(p: Prepared, k: number, seed: number, maxIterations: number): RawClustering {
  const rows: number[][] = new Array<number[]>(p.n);
  for (let i = 0; i < p.n; i++) rows[i] = [p.z[i * DIMS]!, p.z[i * DIMS + 1]!, p.z[i * DIMS + 2]!];
  const initialization = kmeansPlusPlus(p.z, p.n, k, seed);
  const result = kmeans(rows, k, { initialization, maxIterations });
  return {
    clusters: Int32Array.from(result.clusters),
    centers: result.centroids.map((c) => c.slice()),
    iterations: result.iterations,
    converged: result.converged,
  };
}

interface Summary {
  /** Relabel: ml-kmeans cluster → our cluster number (by value). */
  rank: Int32Array;
  /** Centres in z space, by our number. */
  centers: number[][];
  sizes: Int32Array;
  inertia: number;
}

/** Recomputes centres from the memberships, numbers clusters by value and measures inertia. */
function summarise(p: Prepared, raw: RawClustering, k: number): Summary {
  const { n, z } = p;
  const sums = new Float64Array(k * DIMS);
  const counts = new Int32Array(k);
  // The smallest canonical position in a cluster: a last tie-breaker that depends only on membership.
  const first = new Int32Array(k).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = raw.clusters[i]!;
    counts[c]!++;
    if (first[c] === -1) first[c] = i;
    for (let d = 0; d < DIMS; d++) sums[c * DIMS + d]! += z[i * DIMS + d]!;
  }
  const centersRaw: number[][] = [];
  for (let c = 0; c < k; c++) {
    const cnt = counts[c]!;
    // An empty cluster (rare) keeps the centre ml-kmeans left it at.
    centersRaw.push(
      cnt > 0 ? [sums[c * DIMS]! / cnt, sums[c * DIMS + 1]! / cnt, sums[c * DIMS + 2]! / cnt] : raw.centers[c]!.slice(),
    );
  }
  const byValue = Array.from({ length: k }, (_, c) => c).sort((a, b) => {
    const ca = centersRaw[a]!;
    const cb = centersRaw[b]!;
    return (
      cb[M]! - ca[M]! ||
      cb[F]! - ca[F]! ||
      ca[R]! - cb[R]! ||
      (first[a] === -1 ? n + a : first[a]!) - (first[b] === -1 ? n + b : first[b]!)
    );
  });
  const rank = new Int32Array(k);
  byValue.forEach((c, r) => (rank[c] = r));
  const centers = byValue.map((c) => centersRaw[c]!);
  const sizes = Int32Array.from(byValue, (c) => counts[c]!);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const ctr = centersRaw[raw.clusters[i]!]!;
    for (let d = 0; d < DIMS; d++) inertia += (z[i * DIMS + d]! - ctr[d]!) ** 2;
  }
  return { rank, centers, sizes, inertia };
}

/** Names of k clusters numbered by value, given their centres (any space monotone in R, F, M). */
function nameClusters(centers: readonly (readonly number[])[]): string[] {
  const k = centers.length;
  if (k === 1) return ['All customers'];
  if (k !== 4) {
    return centers.map((_, c) =>
      c === 0 ? 'Segment 1 (highest value)' : c === k - 1 ? `Segment ${k} (lowest value)` : `Segment ${c + 1}`,
    );
  }
  const names = new Array<string>(k).fill('');
  // Cluster 0 has the highest monetary centre by construction of the numbering.
  names[0] = 'VIP';
  const rest = [1, 2, 3];
  const pick = (dim: number): number => {
    // Strict > so a tie keeps the earlier (higher-value) cluster.
    let best = rest[0]!;
    for (const c of rest) if (centers[c]![dim]! > centers[best]![dim]!) best = c;
    rest.splice(rest.indexOf(best), 1);
    return best;
  };
  names[pick(R)] = 'At-Risk';
  names[pick(F)] = 'Loyal';
  names[rest[0]!] = 'Active';
  return names;
}

function toOriginal(p: Prepared, center: readonly number[]): RfmPoint {
  // max(0, …): the features were clamped at 0, so a centre below 0 is only rounding.
  const back = (d: number): number => Math.max(0, Math.expm1(center[d]! * p.std[d]! + p.mean[d]!));
  return { recencyDays: back(R), frequency: back(F), monetary: back(M) };
}

/**
 * Segments customers with k-means on z-scored log1p(recency, frequency, max(monetary, 0)).
 * @example
 * const seg = segmentCustomers({ ids, recencyDays, frequency, monetary }); // k = 4
 * seg.names[seg.labels[0]]; // e.g. "VIP"
 */
export function segmentCustomers(input: CustomerRfmInput, options: SegmentOptions = {}): Segmentation {
  const { k = 4, seed = 42, maxIterations = 100 } = options;
  checkK(k);
  const p = prepare(input);
  if (!hasDistinct(p, k)) {
    throw new RangeError(
      `Cannot make ${k} segments: fewer than ${k} customers with different recency, frequency and revenue.`,
    );
  }
  const raw = runKmeans(p, k, seed, maxIterations);
  const s = summarise(p, raw, k);

  const labels = new Int32Array(p.n);
  const sumsRaw = new Float64Array(k * DIMS);
  const { recencyDays, frequency, monetary } = input;
  for (let pos = 0; pos < p.n; pos++) {
    const row = p.order[pos]!;
    const c = s.rank[raw.clusters[pos]!]!;
    labels[row] = c;
    sumsRaw[c * DIMS + R]! += recencyDays[row]!;
    sumsRaw[c * DIMS + F]! += frequency[row]!;
    sumsRaw[c * DIMS + M]! += monetary[row]!;
  }
  const means: RfmPoint[] = [];
  const revenue = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const cnt = s.sizes[c]!;
    revenue[c] = sumsRaw[c * DIMS + M]!;
    means.push(
      cnt > 0
        ? {
            recencyDays: sumsRaw[c * DIMS + R]! / cnt,
            frequency: sumsRaw[c * DIMS + F]! / cnt,
            monetary: sumsRaw[c * DIMS + M]! / cnt,
          }
        : { recencyDays: Number.NaN, frequency: Number.NaN, monetary: Number.NaN },
    );
  }
  return {
    k,
    labels,
    names: nameClusters(s.centers),
    sizes: s.sizes,
    centroids: s.centers.map((c) => toOriginal(p, c)),
    means,
    revenue,
    centroidsStandardized: s.centers,
    inertia: s.inertia,
    iterations: raw.iterations,
    converged: raw.converged,
  };
}

/** Canonical positions the silhouette is computed on: all of them, or a seeded sample. */
function silhouetteSample(n: number, seed: number): Int32Array {
  if (n <= SILHOUETTE_SAMPLE_SIZE) return Int32Array.from({ length: n }, (_, i) => i);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(seed ^ 0x5eed);
  // Partial Fisher–Yates: the first SILHOUETTE_SAMPLE_SIZE slots become a uniform sample.
  for (let i = 0; i < SILHOUETTE_SAMPLE_SIZE; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, SILHOUETTE_SAMPLE_SIZE).sort();
}

/** Mean silhouette (Euclidean, in z space) of the sampled points, against the sampled points only. */
function meanSilhouette(z: Float64Array, clusters: Int32Array, k: number, sample: Int32Array): number {
  const m = sample.length;
  const lab = new Int32Array(m);
  const pts = new Float64Array(m * DIMS);
  const counts = new Int32Array(k);
  for (let a = 0; a < m; a++) {
    const i = sample[a]!;
    lab[a] = clusters[i]!;
    counts[lab[a]!]!++;
    for (let d = 0; d < DIMS; d++) pts[a * DIMS + d] = z[i * DIMS + d]!;
  }
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c]! > 0) present++;
  if (present < 2) return Number.NaN;

  // sums[a·k + c] = Σ distance from sampled point a to the sampled points of cluster c.
  const sums = new Float64Array(m * k);
  for (let a = 0; a < m; a++) {
    const ax = pts[a * DIMS]!;
    const ay = pts[a * DIMS + 1]!;
    const az = pts[a * DIMS + 2]!;
    const la = lab[a]!;
    for (let b = a + 1; b < m; b++) {
      const dx = ax - pts[b * DIMS]!;
      const dy = ay - pts[b * DIMS + 1]!;
      const dz = az - pts[b * DIMS + 2]!;
      const dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
      sums[a * k + lab[b]!]! += dist;
      sums[b * k + la]! += dist;
    }
  }
  let total = 0;
  for (let a = 0; a < m; a++) {
    const la = lab[a]!;
    const own = counts[la]!;
    // A singleton's silhouette is 0 by convention (Rousseeuw 1987; scikit-learn does the same).
    if (own <= 1) continue;
    const ai = sums[a * k + la]! / (own - 1);
    let bi = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === la || counts[c] === 0) continue;
      const v = sums[a * k + c]! / counts[c]!;
      if (v < bi) bi = v;
    }
    const den = Math.max(ai, bi);
    if (den > 0) total += (bi - ai) / den;
  }
  return total / m;
}

/**
 * Runs k-means for each k in kMin…kMax and reports inertia and mean silhouette per k.
 *
 * The silhouette is O(n²): above SILHOUETTE_SAMPLE_SIZE (5,000) customers it is computed on a
 * seeded, uniform sample of that many customers (drawn from the canonical order, so it too is
 * independent of input order), against the sample only, as scikit-learn's `sample_size` does.
 * Inertia always uses every customer. A k above the number of distinct customers is skipped.
 */
export function chooseK(input: CustomerRfmInput, options: ChooseKOptions = {}): ChooseKResult {
  const { kMin = 2, kMax = 8, seed = 42, maxIterations = 100 } = options;
  checkK(kMin);
  checkK(kMax);
  if (kMin < 2 || kMax < kMin) throw new RangeError(`chooseK needs 2 ≤ kMin ≤ kMax, got ${kMin}…${kMax}.`);
  const p = prepare(input);
  const sample = silhouetteSample(p.n, seed);
  const scores: KScore[] = [];
  for (let k = kMin; k <= kMax; k++) {
    if (!hasDistinct(p, k)) break;
    const raw = runKmeans(p, k, seed, maxIterations);
    const s = summarise(p, raw, k);
    scores.push({ k, inertia: s.inertia, silhouette: meanSilhouette(p.z, raw.clusters, k, sample) });
  }
  if (scores.length === 0) throw new RangeError(`Cannot make ${kMin} segments: too few distinct customers.`);
  let best = scores[0]!;
  for (const s of scores) if (s.silhouette > best.silhouette || Number.isNaN(best.silhouette)) best = s;
  return { scores, bestK: best.k, silhouetteSampleSize: sample.length };
}
