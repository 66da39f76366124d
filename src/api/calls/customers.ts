import { cohortRetention, cohortRetentionSql } from '../../data/queries/customers/cohorts';
import { customerRfm, customerRfmSql } from '../../data/queries/customers/rfm';
import { RFM_SEGMENTS } from '../../ml/segment/rfm-scores';
import { analyseInWorker } from '../../ml/segment/segment-worker';
import { fixedParam, SLICE } from '../params';
import { columnsToRows, limited } from '../rows';
import type { ApiCall } from '../types';

const SEGMENTS = 4;

/** The Customers page's questions. */
export const CUSTOMER_CALLS: readonly ApiCall[] = [
  {
    name: 'customers.rfm',
    group: 'Customers',
    summary: 'Each customer’s recency, frequency, revenue, tenure and average order value in the slice.',
    signature: 'customerRfm(db, filters)',
    returns: 'CustomerRfmColumns',
    engine: 'DuckDB',
    note: 'Recency is measured to the filter’s last day, else to the last sale.',
    params: SLICE,
    statements: (i) => [customerRfmSql(i.filters)],
    run: async (c) => {
      const r = await customerRfm(c.db, c.filters);
      return columnsToRows(r, r.length);
    },
  },
  {
    name: 'customers.cohorts',
    group: 'Customers',
    summary: 'Customers by month of first purchase, and how many bought again 1, 2, 3 … months later.',
    signature: 'cohortRetention(db, filters)',
    returns: 'CohortCell[]',
    engine: 'DuckDB',
    params: SLICE,
    statements: (i) => [cohortRetentionSql(i.filters)],
    run: async (c) => limited((await cohortRetention(c.db, c.filters)).map((cell) => ({ ...cell }))),
  },
  {
    name: 'customers.segments',
    group: 'Customers',
    summary: 'RFM scores, k-means segments, BG/NBD probability alive and 12-month value of every customer.',
    signature: 'analyseInWorker(await customerRfm(db, filters), { k, chooseK: false })',
    returns: 'CustomerAnalysis',
    engine: 'worker',
    note: 'The segmentation worker fits k-means (seeded), BG/NBD and Gamma–Gamma on the rows of the SQL.',
    params: [
      ...SLICE,
      fixedParam('options.k', 'number', 'How many k-means segments (the page lets you choose 2 to 8).', SEGMENTS),
    ],
    statements: (i) => [customerRfmSql(i.filters)],
    run: async (c) => {
      const rfm = await customerRfm(c.db, c.filters);
      if (rfm.length < SEGMENTS) return limited([]);
      const a = await analyseInWorker(rfm, { k: SEGMENTS, chooseK: false }, undefined, c.signal);
      return limited(
        rfm.ids.map((id, k) => ({
          customer_id: id,
          segment: a.segmentation.names[a.segmentation.labels[k]!] ?? null,
          rfm_segment: RFM_SEGMENTS[a.rfmSegment[k]!] ?? null,
          recency_days: rfm.recencyDays[k],
          frequency: rfm.frequency[k],
          monetary: rfm.monetary[k],
          p_alive: a.pAlive[k],
          clv_12m: a.clv[k],
          at_risk: a.atRisk[k] === 1,
        })),
      );
    },
  },
];
