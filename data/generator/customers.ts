/** The customer base: who shops, where, how often and during which part of the range. */
import { CATEGORY_SHARES } from './intensity';
import { cumulative, type Rng } from './prng';
import { REGIONS, REGION_WEIGHTS, type Region } from './taxonomy';

/** Behavioural segment a customer is simulated as. */
export type CustomerKind = 'vip' | 'regular' | 'lapsing' | 'one-off';

/** A simulated shopper. Days are offsets into the simulated range (0 = start date). */
export interface Customer {
  index: number;
  id: string;
  kind: CustomerKind;
  region: Region;
  /** First day the customer may shop (their join date). */
  firstDay: number;
  /** Last day the customer may shop; lapsing customers stop long before the end. */
  lastDay: number;
  /** Relative order rate per unit of demand while active. */
  rate: number;
  /** Category index the customer leans towards. */
  favouriteCategory: number;
}

/** Target share of each segment; one-off buyers take whatever the others leave. */
export const CUSTOMER_MIX = { vip: 0.05, regular: 0.3, lapsing: 0.25 } as const;

/** Lapsing customers make no purchase in at least this many final days of the range. */
export const LAPSE_GAP_DAYS = 183;

/** Share of repeat customers already shopping on the first day. */
const FOUNDING_SHARE = 1 / 3;

/** Relative order rate per active day by segment (before individual variation). */
const KIND_RATE: Record<CustomerKind, number> = { vip: 25, regular: 1, lapsing: 0.6, 'one-off': 0 };

function activeWindow(kind: CustomerKind, days: number, demandCum: Float64Array, rng: Rng): [number, number] {
  const last = days - 1;
  if (kind === 'one-off') {
    // A single visit, on a day drawn from overall demand so one-off traffic follows the curve.
    const day = rng.pickCumulative(demandCum);
    return [day, day];
  }
  const founding = rng.chance(FOUNDING_SHARE);
  if (kind === 'lapsing') {
    const latestStop = Math.max(0, last - LAPSE_GAP_DAYS);
    const join = founding ? 0 : rng.int(0, Math.floor(latestStop * 0.6));
    const stop = Math.min(latestStop, join + rng.int(60, Math.max(60, latestStop - join)));
    return [join, Math.max(join, stop)];
  }
  // Late joiners still get three months or so to build a history.
  const join = founding ? 0 : Math.min(last, rng.int(1, Math.max(1, last - 90)));
  return [join, last];
}

/**
 * Builds `count` customers, ids C10001... in order of joining. `demandCum` is the cumulative
 * daily demand; `categoryAvailable` marks categories that have products to favour.
 */
export function buildCustomers(
  count: number,
  demandCum: Float64Array,
  categoryAvailable: readonly boolean[],
  rng: Rng,
): Customer[] {
  const days = demandCum.length;
  const vip = Math.round(count * CUSTOMER_MIX.vip);
  const regular = Math.round(count * CUSTOMER_MIX.regular);
  const lapsing = Math.round(count * CUSTOMER_MIX.lapsing);
  const kinds: CustomerKind[] = [];
  for (let i = 0; i < count; i++) {
    kinds.push(i < vip ? 'vip' : i < vip + regular ? 'regular' : i < vip + regular + lapsing ? 'lapsing' : 'one-off');
  }
  rng.shuffle(kinds);
  const regionCum = cumulative(REGION_WEIGHTS);
  const favouriteCum = cumulative(CATEGORY_SHARES.map((s, c) => (categoryAvailable[c] ? s : 0)));
  const customers = kinds.map((kind, i): Customer => {
    const [firstDay, lastDay] = activeWindow(kind, days, demandCum, rng);
    return {
      index: i,
      id: '',
      kind,
      region: REGIONS[rng.pickCumulative(regionCum)] ?? 'North',
      firstDay,
      lastDay,
      // Individual appetite varies a lot even within a segment.
      rate: KIND_RATE[kind] * rng.lognormal(0, 0.5),
      favouriteCategory: rng.pickCumulative(favouriteCum),
    };
  });
  customers.sort((a, b) => a.firstDay - b.firstDay || a.index - b.index);
  customers.forEach((c, i) => {
    c.index = i;
    c.id = `C${10001 + i}`;
  });
  return customers;
}
