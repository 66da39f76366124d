/**
 * Retail event calendar: fixed US-style holidays and seeded promotion periods. Kept pure
 * and independent of the simulator so forecasting code can use the same events as regressors.
 */
import { dayOf, daysInYear, formatDay, nthWeekdayOfMonth, parseDay, yearOf } from './dates';
import { Rng, deriveSeed } from './prng';
import { CATEGORIES, type Category } from './taxonomy';

/** A dated retail event and its multiplicative effect on store traffic (1 = no effect). */
export interface Holiday {
  date: string;
  name: string;
  lift: number;
}

/** A discount campaign over an inclusive date range, on one category or (null) all of them. */
export interface Promotion {
  id: string;
  name: string;
  start: string;
  end: string;
  category: Category | null;
  /** Fraction taken off list price, e.g. 0.2. */
  discount: number;
  /** Demand multiplier for the covered categories while the promotion runs. */
  lift: number;
}

/** Promotions planned per calendar year. */
export const PROMOTIONS_PER_YEAR = 5;

const SUNDAY = 0;
const THURSDAY = 4;

function holidaysOfYear(year: number): { day: number; name: string; lift: number }[] {
  const blackFriday = nthWeekdayOfMonth(year, 11, THURSDAY, 4) + 1;
  const events = [
    // Most stores shut or open late on New Year's Day.
    { day: dayOf(year, 1, 1), name: "New Year's Day", lift: 0.35 },
    { day: dayOf(year, 2, 14), name: "Valentine's Day", lift: 1.25 },
    { day: nthWeekdayOfMonth(year, 5, SUNDAY, 2), name: "Mother's Day", lift: 1.35 },
    { day: blackFriday, name: 'Black Friday', lift: 2.4 },
    { day: blackFriday + 3, name: 'Cyber Monday', lift: 1.5 },
  ];
  // The last-minute gift rush builds day by day towards Christmas Eve.
  for (let date = 18; date <= 23; date++) {
    events.push({ day: dayOf(year, 12, date), name: 'Christmas run-up', lift: 1.25 + 0.07 * (date - 18) });
  }
  events.push(
    { day: dayOf(year, 12, 24), name: 'Christmas Eve', lift: 1.5 },
    // Not in the classic list, but a full-traffic Christmas Day would look wrong in any chart.
    { day: dayOf(year, 12, 25), name: 'Christmas Day', lift: 0.1 },
    { day: dayOf(year, 12, 26), name: 'Boxing Day sale', lift: 1.7 },
  );
  return events;
}

/** Holidays falling within [start, end] (inclusive 'YYYY-MM-DD'), sorted by date. */
export function holidaysBetween(start: string, end: string): Holiday[] {
  const from = parseDay(start);
  const to = parseDay(end);
  const out: Holiday[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    for (const h of holidaysOfYear(year)) {
      if (h.day >= from && h.day <= to) {
        out.push({ date: formatDay(h.day), name: h.name, lift: Math.round(h.lift * 100) / 100 });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function seasonName(month: number): string {
  if (month <= 2) return 'Winter';
  if (month <= 5) return 'Spring';
  if (month <= 8) return 'Summer';
  if (month <= 10) return 'Autumn';
  return 'Holiday';
}

function promotionsOfYear(year: number, seed: number): Promotion[] {
  // Seeding per year keeps a year's campaigns identical whatever date range is asked for.
  const rng = new Rng(deriveSeed(seed, `promotions:${year}`));
  const first = dayOf(year, 1, 1);
  // One campaign per equal slice of the year, so campaigns never overlap.
  const slot = Math.floor(daysInYear(year) / PROMOTIONS_PER_YEAR);
  const out: Promotion[] = [];
  for (let k = 0; k < PROMOTIONS_PER_YEAR; k++) {
    const length = rng.int(5, 10);
    const startDay = first + k * slot + rng.int(0, slot - length);
    const category = rng.chance(0.25) ? null : rng.pick(CATEGORIES);
    const discount = rng.int(2, 6) * 0.05;
    const lift = rng.between(1.3, 1.6);
    const month = Number(formatDay(startDay).slice(5, 7));
    out.push({
      id: `PROMO-${year}-${k + 1}`,
      name: `${seasonName(month)} ${category ?? 'Storewide'} Sale`,
      start: formatDay(startDay),
      end: formatDay(startDay + length - 1),
      category,
      discount: Math.round(discount * 100) / 100,
      lift: Math.round(lift * 100) / 100,
    });
  }
  return out;
}

/** Seeded promotions (about five a year, 5-10 days each) overlapping [start, end], sorted by start. */
export function promotionsBetween(start: string, end: string, seed: number): Promotion[] {
  const from = parseDay(start);
  const to = parseDay(end);
  const out: Promotion[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    for (const p of promotionsOfYear(year, seed)) {
      if (p.end >= start && p.start <= end) out.push(p);
    }
  }
  return out;
}

/** The promotion covering `category` on `date`, if any. */
export function promotionOn(promotions: readonly Promotion[], date: string, category: Category): Promotion | undefined {
  return promotions.find((p) => p.start <= date && date <= p.end && (p.category === null || p.category === category));
}
