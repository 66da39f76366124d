import { datasetProfile, datasetProfileSql } from '../../data/queries/profile';
import { importRejects, importRejectsCountSql, importRejectsSql } from '../../data/queries/rejects';
import { rowsOf } from '../rows';
import type { ApiCall } from '../types';

/** The Data page's questions. */
export const DATA_CALLS: readonly ApiCall[] = [
  {
    name: 'data.profile',
    group: 'Data',
    summary: 'How many sales lines and products are loaded, their span, and which columns hold values.',
    signature: 'datasetProfile(db)',
    returns: 'DatasetProfile',
    engine: 'DuckDB',
    params: [],
    statements: () => [datasetProfileSql()],
    run: rowsOf(async (c) => {
      const p = await datasetProfile(c.db);
      return [{ ...p, present: [...p.present] }];
    }),
  },
  {
    name: 'data.rejects',
    group: 'Data',
    summary: 'The rows the last import could not load: file, line, column, value and why.',
    signature: 'importRejects(db, limit?)',
    returns: 'ImportRejects',
    engine: 'DuckDB',
    params: [],
    statements: () => [importRejectsSql(), importRejectsCountSql()],
    run: rowsOf(async (c) => (await importRejects(c.db)).rows),
  },
];
