import { useSearchParams } from '@solidjs/router';
import { createMemo, type Accessor } from 'solid-js';
import type { Filters } from '../data/filters';
import { parseFilters, type ParsedFilters } from './url-filters';

/** The global filters, read from the URL query, so a copied link reopens the same view. */
export function useFilters(): { filters: Accessor<Filters>; notices: Accessor<string[]> } {
  const [params] = useSearchParams();
  // Equal by content, so an unrelated URL change does not re-run every query.
  const parsed = createMemo<ParsedFilters>((prev) => {
    const next = parseFilters({ ...params });
    return prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
  });
  return { filters: () => parsed().filters, notices: () => parsed().notices };
}
