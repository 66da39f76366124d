import { useSearchParams } from '@solidjs/router';
import { createMemo, type Accessor } from 'solid-js';
import type { Filters } from '../data/filters';
import { datasetStore } from './dataset';
import { dropUnknown, filtersToQuery, parseFilters, type ParsedFilters } from './url-filters';

/** The global filter store: read from the URL query, written back to it. */
export interface FilterStore {
  filters: Accessor<Filters>;
  /** Notices about URL values that were ignored. */
  notices: Accessor<string[]>;
  /** Changes some filters; each change is a history entry, so Back steps through them. */
  update(patch: Partial<Filters>): void;
  /** Back to everything, monthly. */
  clear(): void;
}

/**
 * The filters every page answers for. They live in the URL (`from`, `to`, `category`,
 * `region`, `grain`), so a copied link reopens the same view and Back undoes a change.
 */
export function useFilters(): FilterStore {
  const [params, setParams] = useSearchParams();
  // Equal by content, so an unrelated URL change does not re-run every query.
  const parsed = createMemo<ParsedFilters>((prev) => {
    const profile = datasetStore.dataset()?.profile;
    const parsed = parseFilters({ ...params });
    const next = profile ? dropUnknown(parsed, profile) : parsed;
    return prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
  });
  const filters = () => parsed().filters;
  // Quick repeated changes of the same control (arrow keys through a select, typing a date)
  // replace one history entry instead of leaving a trail that Back would have to walk through.
  let last = { at: 0, keys: '' };
  return {
    filters,
    notices: () => parsed().notices,
    update(patch) {
      const now = Date.now();
      const keys = Object.keys(patch).sort().join(',');
      setParams(filtersToQuery({ ...filters(), ...patch }), { replace: keys === last.keys && now - last.at < 1000 });
      last = { at: now, keys };
    },
    clear() {
      setParams({ from: undefined, to: undefined, category: undefined, region: undefined, grain: undefined });
    },
  };
}
