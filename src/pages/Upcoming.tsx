import { A, useLocation } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { PageShell } from '../components/PageShell';

/** A section that is planned but not built yet: says so plainly and points to what works. */
export function Upcoming(props: { title: string; what: string }): JSX.Element {
  const location = useLocation();
  return (
    <PageShell title={props.title} state="empty">
      <section class="card empty-state">
        <p>
          {props.title} is not built yet. It will {props.what}
        </p>
        <p>
          Meanwhile the <A href={`/${location.search}`}>Overview</A> answers for the same data and filters.
        </p>
      </section>
    </PageShell>
  );
}

/** An address that matches no page. */
export function NotFound(): JSX.Element {
  return (
    <PageShell title="Page not found" state="error" error="There is no page at this address.">
      <p>
        <A href="/">Go to the Overview</A>
      </p>
    </PageShell>
  );
}
