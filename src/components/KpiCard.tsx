import { Show, type JSX } from 'solid-js';
import { change, relativeChange } from '../format';

interface KpiCardProps {
  /** Automation id suffix: the card is `kpi-<name>`. */
  name: string;
  label: string;
  value: number | null;
  previous: number | null;
  hasPrevious: boolean;
  format: (v: number | null) => string;
  /** What to say when the value cannot be computed (e.g. "needs a cost column"). */
  missing?: string;
  /** True when a fall is good news (none of ours yet, but costs would be). */
  lowerIsBetter?: boolean;
}

/** One headline figure with its change against the previous period. Raw value in `data-value`. */
export function KpiCard(props: KpiCardProps): JSX.Element {
  const delta = () => (props.hasPrevious ? relativeChange(props.value, props.previous) : null);
  const trend = () => {
    const d = delta();
    if (d == null || d === 0) return 'flat';
    return d > 0 !== Boolean(props.lowerIsBetter) ? 'up' : 'down';
  };
  return (
    <article class="kpi" data-testid={`kpi-${props.name}`} data-value={props.value ?? ''}>
      <p class="kpi-label">{props.label}</p>
      <p class="kpi-value">{props.format(props.value)}</p>
      <Show
        when={props.value != null}
        fallback={<p class="kpi-note">{props.missing ?? 'Not available for this data'}</p>}
      >
        <p class={`kpi-change ${trend()}`}>
          <Show
            when={delta() != null}
            fallback={<span class="muted">{props.hasPrevious ? 'no change to compute' : '\u00a0'}</span>}
          >
            <span aria-hidden="true">{trend() === 'up' ? '▲ ' : trend() === 'down' ? '▼ ' : ''}</span>
            {change(delta())} <span class="muted">vs previous period</span>
          </Show>
        </p>
      </Show>
    </article>
  );
}
