import { expose, transfer } from 'comlink';
import { analyseCustomers } from '../src/ml/segment/analyse';
import { chooseK } from '../src/ml/segment/kmeans';
import { unpackCustomers, type SegmentWorkerApi } from '../src/ml/segment/worker-api';

// A thin adapter: the algorithms live in src/ml/segment and run unchanged in Node tests.
const api: SegmentWorkerApi = {
  async analyse(input, options, onStep) {
    const result = analyseCustomers(unpackCustomers(input), options, onStep);
    const { segmentation: s } = result;
    return transfer(result, [
      result.pAlive.buffer,
      result.clv.buffer,
      result.atRisk.buffer,
      result.rfmSegment.buffer,
      s.labels.buffer,
      result.scores.r.buffer,
      result.scores.f.buffer,
      result.scores.m.buffer,
    ] as ArrayBuffer[]);
  },
  async chooseK(input, seed) {
    return chooseK(unpackCustomers(input), { seed });
  },
};

expose(api);
