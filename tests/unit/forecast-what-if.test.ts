import { describe, expect, it } from 'vitest';
import { ALL } from '../../src/data/filters';
import { dailySeries } from '../../src/data/queries/forecast/daily-series';
import { pricePoints } from '../../src/data/queries/forecast/price-points';
import { dayNumber, isoDay, weekdayOf, yearFraction } from '../../src/ml/forecast/calendar';
import { elasticities, estimateElasticity } from '../../src/ml/forecast/elasticity';
import { projections, projectionWindows } from '../../src/ml/forecast/projection';
import { normalForecast } from '../../src/ml/forecast/types';
import { applyScenario, priceFactor, promoDaysPerPeriod } from '../../src/ml/forecast/what-if';
import { gaussian, mulberry32 } from '../../src/ml/random';
import { builtinDb } from '../helpers/builtin-db';
import { readLines } from '../helpers/expected';

describe('what-if scenarios', () => {
  it('turns a price change into revenue through the elasticity', () => {
    // 10% dearer with elasticity −2: units × 1.1^−2, revenue × 1.1^−1.
    expect(priceFactor(0.1, -2)).toBeCloseTo(1 / 1.1, 12);
    expect(priceFactor(-0.2, -1)).toBe(1);
  });

  it('spreads promotion days over weeks from the first day', () => {
    expect(Array.from(promoDaysPerPeriod(4, 'week', 10))).toEqual([7, 3, 0, 0]);
    expect(Array.from(promoDaysPerPeriod(3, 'day', 2))).toEqual([1, 1, 0]);
  });

  it('adds the discount effect on promotion days and scales by the price factor, with ranges from the standard errors', () => {
    const base = [1000, 1000, 1000];
    const effects = { discount: { perPoint: 20, se: 5 }, baselineDiscount: 0.05, elasticity: { value: -1.5, se: 0.1 } };
    const r = applyScenario(base, 'day', { priceChange: 0, promoDiscount: 0.25, promoDays: 2 }, effects);
    // 20 points above the usual 5% × 20 per point = +400 on the two promotion days.
    expect(Array.from(r.point)).toEqual([1400, 1400, 1000]);
    expect(r.low[0]).toBeCloseTo(1400 - 1.959963984540054 * 5 * 20, 9);
    expect(r.high[2]).toBe(1000);
    const p = applyScenario(base, 'day', { priceChange: -0.1, promoDiscount: 0, promoDays: 0 }, effects);
    expect(p.point[0]).toBeCloseTo(1000 * Math.pow(0.9, -0.5), 9);
    const none = applyScenario(
      base,
      'day',
      { priceChange: 0.1, promoDiscount: 0.3, promoDays: 3 },
      { discount: null, baselineDiscount: 0, elasticity: null },
    );
    expect(none.ignored).toHaveLength(2);
    expect(Array.from(none.point)).toEqual(base);
  });
});

describe('price elasticity', () => {
  it('recovers a planted elasticity of −1.4 within 3 standard errors, despite weekly and yearly patterns', () => {
    const rand = mulberry32(5);
    const day: string[] = [];
    const units: number[] = [];
    const price: number[] = [];
    const first = dayNumber('2024-01-01');
    for (let i = 0; i < 600; i++) {
      const d = first + i;
      // Discount days come in runs and more often in December, so price and season are correlated.
      const p = Math.exp(
        -0.15 * (Math.sin(i / 9) > 0.6 ? 1 : 0) - 0.1 * (yearFraction(d) > 0.9 ? 1 : 0) + 0.02 * gaussian(rand),
      );
      const season = 0.3 * Math.sin(2 * Math.PI * yearFraction(d)) + (weekdayOf(d) >= 5 ? 0.4 : 0);
      day.push(isoDay(d));
      price.push(p);
      units.push(Math.exp(3 + season - 1.4 * Math.log(p) + 0.1 * gaussian(rand)));
    }
    const e = estimateElasticity(day, units, price, 'Toys');
    if (typeof e === 'string') throw new Error(e);
    expect(Math.abs(e.value + 1.4)).toBeLessThan(3 * e.se);
    expect(e.se).toBeLessThan(0.1);
  });

  it('says when prices never varied or days are too few', () => {
    const day = Array.from({ length: 100 }, (_, i) => isoDay(dayNumber('2024-01-01') + i));
    expect(
      estimateElasticity(
        day,
        day.map(() => 5),
        day.map(() => 1),
        'X',
      ),
    ).toMatch(/barely varied/);
    expect(
      estimateElasticity(
        day.slice(0, 20),
        day.slice(0, 20).map(() => 5),
        day.slice(0, 20).map((_, i) => 1 + (i % 2) / 10),
        'X',
      ),
    ).toMatch(/only 20 days/);
  });
});

describe('forecast queries on the built-in data', () => {
  it('gives one revenue value per calendar day, zeros included, matching the CSV', async () => {
    const db = await builtinDb();
    try {
      const lines = readLines();
      const byDay = new Map<string, number>();
      for (const l of lines) byDay.set(l.day, (byDay.get(l.day) ?? 0) + l.revenue);
      const days = [...byDay.keys()].sort();
      const s = await dailySeries(db, ALL);
      expect(s.start).toBe(days[0]);
      expect(s.revenue.length).toBe(dayNumber(days.at(-1)!) - dayNumber(days[0]!) + 1);
      for (let i = 0; i < s.revenue.length; i++)
        expect(s.revenue[i]).toBeCloseTo(byDay.get(isoDay(dayNumber(days[0]!) + i)) ?? 0, 6);
      // Discount weighted by |revenue| on one day, recomputed from the lines.
      const d0 = days[10]!;
      const dl = lines.filter((l) => l.day === d0);
      const expected =
        dl.reduce((a, l) => a + l.discount * Math.abs(l.revenue), 0) / dl.reduce((a, l) => a + Math.abs(l.revenue), 0);
      expect(s.discount![dayNumber(d0) - dayNumber(days[0]!)]).toBeCloseTo(expected, 9);

      const sliced = await dailySeries(db, { categories: ['Toys'], regions: ['North'] });
      const toys = lines.filter((l) => l.category === 'Toys' && l.region === 'North');
      expect(sliced.revenue.reduce((a, b) => a + b, 0)).toBeCloseTo(
        toys.reduce((a, l) => a + l.revenue, 0),
        4,
      );

      const points = await pricePoints(db, ALL);
      // Price index of one category-day, from each product's median list price over sale lines.
      const sales = lines.filter((l) => l.quantity > 0 && l.unit_price > 0);
      const prices = new Map<string, number[]>();
      for (const l of sales) prices.set(l.product_id, [...(prices.get(l.product_id) ?? []), l.unit_price]);
      const median = (xs: number[]) => {
        const s2 = [...xs].sort((a, b) => a - b);
        const m = Math.floor(s2.length / 2);
        return s2.length % 2 ? s2[m]! : (s2[m - 1]! + s2[m]!) / 2;
      };
      const k = points.day.findIndex((d, i) => d === d0 && points.categories[points.category[i]!] === dl[0]!.category);
      const cat = dl[0]!.category;
      const rows = sales.filter((l) => l.day === d0 && l.category === cat);
      const idx =
        rows.reduce((a, l) => a + l.quantity * l.unit_price * (1 - l.discount), 0) /
        rows.reduce((a, l) => a + l.quantity * median(prices.get(l.product_id)!), 0);
      expect(points.priceIndex[k]).toBeCloseTo(idx, 9);
      expect(points.units[k]).toBe(rows.reduce((a, l) => a + l.quantity, 0));
      const e = elasticities(points);
      expect(e.byCategory.estimates.length + e.byCategory.skipped.length).toBe(points.categories.length);
    } finally {
      db.close();
    }
  });
});

describe('growth projections', () => {
  it('sums the forecast, adds interval half-widths in quadrature, and compares with 52 weeks earlier', () => {
    const history = Float64Array.from({ length: 400 }, (_, i) => (i < 36 ? 10 : 20));
    const f = normalForecast(new Float64Array(30).fill(25), new Float64Array(30).fill(2));
    const [p] = projections(history, 'day', f, [], [{ label: 'Next 30 days', from: 0, periods: 30 }]);
    expect(p!.total).toBe(750);
    // 80% half-width per day is 1.2816 × 2; 30 independent days → × √30.
    expect(p!.high80 - p!.total).toBeCloseTo(1.2815515655446004 * 2 * Math.sqrt(30), 9);
    // 364 days back from 400 is index 36: all 20s.
    expect(p!.lastYear).toBe(600);
  });

  it('offers the windows the horizon covers, the next calendar quarter, and the horizon itself', () => {
    // Forecast from Saturday 2025-11-15: Q1 2026 starts 47 days later and lasts 90 days.
    const first = dayNumber('2025-11-15');
    expect(projectionWindows('day', 28, first)).toEqual([
      { label: 'Next 28 days (the horizon)', from: 0, periods: 28 },
    ]);
    expect(projectionWindows('day', 180, first).map((w) => [w.label, w.from, w.periods])).toEqual([
      ['Next 30 days', 0, 30],
      ['Next 90 days', 0, 90],
      ['Q1 2026', 47, 90],
      ['Next 180 days (the horizon)', 0, 180],
    ]);
    expect(projectionWindows('day', 90, dayNumber('2026-01-01')).map((w) => w.label)).toEqual([
      'Next 30 days',
      'Next 90 days',
      'Q1 2026',
    ]);
    expect(projectionWindows('week', 13, first).map((w) => w.label)).toEqual([
      'Next 4 weeks',
      'Next 13 weeks (a quarter)',
    ]);
  });
});
