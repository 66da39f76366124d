import { fitBgnbd, probabilityAlive, type BgnbdFit } from './bgnbd';
import { customerLifetimeValues } from './clv';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import { chooseK, segmentCustomers, type ChooseKResult, type Segmentation } from './kmeans';
import { rfmScores, rfmSegmentIndices, type RfmScores } from './rfm-scores';

/** Per-customer inputs of the whole analysis: RFM (days, orders, revenue) and BG/NBD's weekly summary. */
export interface CustomerAnalysisInput {
  ids: readonly string[];
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  bgnbd: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array };
}

/** Options: number of clusters, seed, CLV horizon. */
export interface CustomerAnalysisOptions {
  k?: number;
  seed?: number;
  /** Months of predicted value (default 12), discounted at `monthlyDiscount` (default 1 %). */
  horizonMonths?: number;
  monthlyDiscount?: number;
  /** Compute silhouette and inertia for k = 2..8 (the slowest step; default true). */
  chooseK?: boolean;
}

/** The fitted purchase and spend models, or why they could not be fitted. */
export interface CustomerModels {
  bgnbd: BgnbdFit | null;
  gammaGamma: GammaGammaFit | null;
  /** Why a model is missing (too few repeat customers, no convergence…). */
  note?: string;
}

/** Everything the Customers page shows, per customer in input order and per segment. */
export interface CustomerAnalysis {
  scores: RfmScores;
  /** Index into RFM_SEGMENTS per customer. */
  rfmSegment: Uint8Array;
  segmentation: Segmentation;
  chooseK: ChooseKResult | null;
  models: CustomerModels;
  /** Probability each customer is still active (NaN without a BG/NBD fit). */
  pAlive: Float64Array;
  /** Predicted value over the horizon (NaN without both fits). */
  clv: Float64Array;
  /** High past value (top quarter of revenue) and P(active) below 0.5: see AT_RISK_RULE. */
  atRisk: Uint8Array;
  timings: Record<string, number>;
}

/** The at-risk rule, as the page states it. */
export const AT_RISK_RULE =
  'At risk: customers in the top quarter by past revenue whose probability of still being active (BG/NBD) is below 50 %.';

const WEEKS_PER_MONTH = 4.345;

function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Fits the models, or says in words why not: a page must never show parameters that did not converge as if they had. */
function fitModels(input: CustomerAnalysisInput): CustomerModels {
  const repeat = input.bgnbd.frequency.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
  if (input.ids.length < 20 || repeat < 10) {
    return {
      bgnbd: null,
      gammaGamma: null,
      note: `Too few customers with repeat purchases (${repeat}) to fit the purchase and spend models.`,
    };
  }
  let bgnbd: BgnbdFit;
  try {
    bgnbd = fitBgnbd(input.bgnbd);
  } catch (err) {
    return {
      bgnbd: null,
      gammaGamma: null,
      note: `The purchase model could not be fitted: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  let gammaGamma: GammaGammaFit | null = null;
  let note: string | undefined;
  try {
    gammaGamma = fitGammaGamma({ frequency: input.bgnbd.frequency, monetary: input.bgnbd.monetary });
  } catch (err) {
    note = `The spend model could not be fitted: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (!bgnbd.converged)
    note = [note, 'The purchase model (BG/NBD) did not fully converge; treat its figures with care.']
      .filter(Boolean)
      .join(' ');
  return { bgnbd, gammaGamma, note };
}

/**
 * RFM scores, k-means segments, BG/NBD and Gamma–Gamma fits, probability active, CLV and the
 * at-risk flag, for every customer. Pure and deterministic: the worker runs it as it is.
 */
export function analyseCustomers(
  input: CustomerAnalysisInput,
  options: CustomerAnalysisOptions = {},
  onStep?: (step: string) => void,
): CustomerAnalysis {
  const timings: Record<string, number> = {};
  const timed = <T>(name: string, work: () => T): T => {
    onStep?.(name);
    const t0 = performance.now();
    const out = work();
    timings[name] = performance.now() - t0;
    return out;
  };
  const seed = options.seed ?? 42;
  const scores = timed('rfm', () => rfmScores(input));
  const rfmSegment = rfmSegmentIndices(scores);
  const k = Math.min(options.k ?? 4, new Set(input.ids).size);
  const segmentation = timed('kmeans', () => segmentCustomers(input, { k, seed }));
  const chosen = options.chooseK === false ? null : timed('chooseK', () => chooseK(input, { seed }));
  const models = timed('models', () => fitModels(input));
  const n = input.ids.length;
  const pAlive = new Float64Array(n).fill(Number.NaN);
  const clv = new Float64Array(n).fill(Number.NaN);
  const { bgnbd, gammaGamma } = models;
  if (bgnbd) {
    timed('pAlive', () => {
      for (let i = 0; i < n; i++)
        pAlive[i] = probabilityAlive(bgnbd, input.bgnbd.frequency[i]!, input.bgnbd.recency[i]!, input.bgnbd.T[i]!);
    });
    if (gammaGamma) {
      const values = timed('clv', () =>
        customerLifetimeValues(bgnbd, gammaGamma, input.bgnbd, {
          horizon: options.horizonMonths ?? 12,
          discountRate: options.monthlyDiscount ?? 0.01,
          periodLength: WEEKS_PER_MONTH,
        }),
      );
      clv.set(values);
    }
  }
  const topQuarter = quantile(input.monetary, 0.75);
  const atRisk = new Uint8Array(n);
  for (let i = 0; i < n; i++) atRisk[i] = input.monetary[i]! >= topQuarter && pAlive[i]! < 0.5 ? 1 : 0;
  return { scores, rfmSegment, segmentation, chooseK: chosen, models, pAlive, clv, atRisk, timings };
}
