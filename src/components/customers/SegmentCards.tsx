import { For, type JSX } from 'solid-js';
import { count, money, percent } from '../../format';

/** One segment's summary, with what it means for the shop. */
export interface SegmentSummary {
  name: string;
  size: number;
  revenue: number;
  share: number;
  typical: { recencyDays: number; frequency: number; monetary: number };
  meanPAlive: number | null;
  meanClv: number | null;
}

/** A concrete next step for a segment, with its own figures. */
export function recommendation(s: SegmentSummary): string {
  const days = Math.round(s.typical.recencyDays);
  switch (s.name) {
    case 'VIP':
      return `Keep them close: early access and a personal thank-you. ${count(s.size)} customers bring ${percent(s.share, 0)} of revenue.`;
    case 'Loyal':
      return `Reward the habit: a loyalty perk or bundle to lift their typical ${money(s.typical.monetary / Math.max(1, s.typical.frequency))} per order.`;
    case 'Active':
      return `Turn a first order into a habit: follow up while it is fresh (typically ${days} days since their last order).`;
    case 'At-Risk':
      return `Win them back now: their last order was typically ${days} days ago${s.meanPAlive !== null ? `, and on average ${percent(s.meanPAlive, 0)} are still likely to buy` : ''}. A personal offer beats a discount for all.`;
    default:
      return `Typical customer: ${count(s.typical.frequency, 1)} orders, ${money(s.typical.monetary)}, last order ${days} days ago.`;
  }
}

/** A card per segment (the automation contract's `segment`: `data-name`, `data-size`, `data-revenue`). */
export function SegmentCards(props: { segments: SegmentSummary[] }): JSX.Element {
  return (
    <section class="segment-grid" aria-label="Customer segments">
      <For each={props.segments}>
        {(s) => (
          <article
            class="card segment-card"
            data-testid="segment"
            data-name={s.name}
            data-size={s.size}
            data-revenue={s.revenue}
          >
            <h2 class="card-title">{s.name}</h2>
            <p class="kpi-value">{count(s.size)}</p>
            <p class="muted">
              customers · {money(s.revenue)} ({percent(s.share, 0)} of revenue)
            </p>
            <dl class="segment-facts">
              <dt>Typical</dt>
              <dd>
                {count(s.typical.frequency, 1)} orders, {money(s.typical.monetary)}, last{' '}
                {Math.round(s.typical.recencyDays)} days ago
              </dd>
              <dt>Still active</dt>
              <dd>{s.meanPAlive === null ? '—' : percent(s.meanPAlive, 0)}</dd>
              <dt>Predicted 12-month value</dt>
              <dd>{s.meanClv === null ? '—' : `${money(s.meanClv)} each`}</dd>
            </dl>
            <p class="segment-advice">{recommendation(s)}</p>
          </article>
        )}
      </For>
    </section>
  );
}
