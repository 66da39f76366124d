import type { CustomerAnalysis, CustomerAnalysisInput, CustomerAnalysisOptions } from './analyse';

/** The segmentation worker's interface, shared by `workers/segment.worker.ts` and its caller. */
export interface SegmentWorkerApi {
  /** Runs the whole customer analysis; typed arrays go both ways by transfer. */
  analyse(input: CustomerAnalysisInput, options: CustomerAnalysisOptions, onStep?: (step: string) => void): Promise<CustomerAnalysis>;
}
