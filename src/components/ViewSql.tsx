import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { inlineParams, type Statement } from '../data/queries/statement';

/** The console's address for a statement: its SQL with the parameters written in, so the link can be shared. */
export function sqlConsoleHref(statement: Statement): string {
  return `/sql?q=${encodeURIComponent(inlineParams(statement))}`;
}

/** "View SQL": opens the console with the exact query behind a chart or table, filters filled in. */
export function ViewSql(props: { statement: Statement; what: string }): JSX.Element {
  return (
    <A
      href={sqlConsoleHref(props.statement)}
      class="button button-small view-sql"
      data-testid="view-sql"
      aria-label={`View SQL of ${props.what}`}
      title="Open this query in the SQL console"
    >
      View SQL
    </A>
  );
}
