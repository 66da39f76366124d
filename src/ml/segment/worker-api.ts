import type { CustomerAnalysis, CustomerAnalysisInput, CustomerAnalysisOptions } from './analyse';
import type { ChooseKResult } from './kmeans';

/**
 * The analysis input as it crosses to the worker: ids joined into one string and numbers as
 * typed arrays, because cloning 100k separate strings blocks the page for a few hundred ms.
 */
export interface PackedCustomers {
  ids: string;
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  bgnbd: CustomerAnalysisInput['bgnbd'];
}

const SEP = '\u0000';

/** Packs the input for the worker (copies: the page keeps its own arrays). */
export function packCustomers(input: CustomerAnalysisInput): { packed: PackedCustomers; transfer: ArrayBuffer[] } {
  const packed: PackedCustomers = {
    ids: input.ids.join(SEP),
    recencyDays: Float64Array.from(input.recencyDays),
    frequency: Float64Array.from(input.frequency),
    monetary: Float64Array.from(input.monetary),
    bgnbd: {
      frequency: input.bgnbd.frequency.slice(),
      recency: input.bgnbd.recency.slice(),
      T: input.bgnbd.T.slice(),
      monetary: input.bgnbd.monetary.slice(),
    },
  };
  const transfer = [
    packed.recencyDays,
    packed.frequency,
    packed.monetary,
    packed.bgnbd.frequency,
    packed.bgnbd.recency,
    packed.bgnbd.T,
    packed.bgnbd.monetary,
  ].map((a) => a.buffer as ArrayBuffer);
  return { packed, transfer };
}

/** Unpacks the input in the worker. */
export function unpackCustomers(packed: PackedCustomers): CustomerAnalysisInput {
  return { ...packed, ids: packed.ids === '' ? [] : packed.ids.split(SEP) };
}

/** The segmentation worker's interface, shared by `workers/segment.worker.ts` and its caller. */
export interface SegmentWorkerApi {
  /** Runs the whole customer analysis; typed arrays go both ways by transfer. */
  analyse(
    input: PackedCustomers,
    options: CustomerAnalysisOptions,
    onStep?: (step: string) => void,
  ): Promise<CustomerAnalysis>;
  /** Silhouette and inertia for k = 2..8 (asked for only when the user looks at the choice of k). */
  chooseK(input: PackedCustomers, seed: number): Promise<ChooseKResult>;
}
