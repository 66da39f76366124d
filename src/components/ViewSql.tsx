import { A, useLocation } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { inlineParams, type Statement } from '../data/queries/statement';
import { queryWithout } from '../state/url-filters';

/**
 * The console's address for a statement: its SQL with the parameters written in, so the link
 * can be shared, after the current filters (`search`), so going back to a page keeps the slice.
 */
export function sqlConsoleHref(statement: Statement, search = ''): string {
  const filters = queryWithout(search, ['q']);
  return `/sql${filters ? `${filters}&` : '?'}q=${encodeURIComponent(inlineParams(statement))}`;
}

/** "View SQL": opens the console with the exact query behind a chart or table, filters filled in. */
export function ViewSql(props: { statement: Statement; what: string }): JSX.Element {
  const location = useLocation();
  return (
    <A
      href={sqlConsoleHref(props.statement, location.search)}
      class="button button-small view-sql"
      data-testid="view-sql"
      aria-label={`View SQL of ${props.what}`}
      title="Open this query in the SQL console"
    >
      View SQL
    </A>
  );
}
