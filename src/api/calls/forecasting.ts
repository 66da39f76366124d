import { dailySeries, dailySeriesSql } from '../../data/queries/forecast/daily-series';
import { pricePoints, pricePointsSql } from '../../data/queries/forecast/price-points';
import { BACKTEST_ORIGINS } from '../../ml/forecast/backtest';
import { forecastInWorkers } from '../../ml/forecast/forecast-client';
import { periodsFor, seasonOf, toSeries } from '../../ml/forecast/series';
import { DEFAULT_HORIZON } from '../../state/horizon';
import { DIMENSIONS, fixedParam } from '../params';
import { rowsOf } from '../rows';
import type { ApiCall, ApiInput } from '../types';

const SEED = 42;
const dimsOf = (i: ApiInput) => ({ categories: i.filters.categories, regions: i.filters.regions });
const grainOf = (i: ApiInput) => (i.filters.grain === 'week' ? ('week' as const) : ('day' as const));
const isoDay = (start: string, offset: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** The Forecasting page's questions. */
export const FORECASTING_CALLS: readonly ApiCall[] = [
  {
    name: 'forecast.dailySeries',
    group: 'Forecasting',
    summary: 'Net revenue and the revenue-weighted discount of every day from the first sale to the last.',
    signature: 'dailySeries(db, { categories, regions })',
    returns: 'DailySeries',
    engine: 'DuckDB',
    note: 'The whole history, whatever the dates chosen: models learn from all of it. A day without sales carries the discount of the day before (a closed day is not a day without a promotion).',
    params: DIMENSIONS,
    statements: (i) => [dailySeriesSql(dimsOf(i))],
    run: rowsOf(async (c) => {
      const s = await dailySeries(c.db, dimsOf(c));
      return s.start === null
        ? []
        : Array.from(s.revenue, (revenue, k) => ({
            day: isoDay(s.start!, k),
            revenue,
            discount_carried_forward: s.discount ? s.discount[k] : null,
          }));
    }),
  },
  {
    name: 'forecast.pricePoints',
    group: 'Forecasting',
    summary: 'Units and price index per category and day: what price elasticities are estimated from.',
    signature: 'pricePoints(db, { categories, regions })',
    returns: 'PricePoints',
    engine: 'DuckDB',
    params: DIMENSIONS,
    statements: (i) => [pricePointsSql(dimsOf(i))],
    run: rowsOf(async (c) => {
      const p = await pricePoints(c.db, dimsOf(c));
      return Array.from(p.units, (units, k) => ({
        category: p.categories[p.category[k]!] ?? null,
        day: p.day[k],
        units,
        priceIndex: p.priceIndex[k],
      }));
    }),
  },
  {
    name: 'forecast.tournament',
    group: 'Forecasting',
    summary: 'Backtests six models on the history, scores them and forecasts with calibrated intervals.',
    signature: 'forecastInWorkers({ series, horizon, season, seed, pricePoints })',
    returns: 'TournamentOutcome',
    engine: 'worker',
    note: 'Two forecast workers fit seasonal naive, ETS, ARIMA, Prophet-style, random forest and LSTM; this takes a while.',
    params: [
      ...DIMENSIONS,
      {
        name: 'grain',
        type: "'day' | 'week'",
        description: 'Forecast per day, or per week when the filter bar’s grain is week.',
        value: (i) => grainOf(i),
      },
      fixedParam(
        'horizon',
        'number',
        'Days ahead (the page’s default; its address can ask for 7 to 180).',
        DEFAULT_HORIZON,
      ),
      fixedParam('seed', 'number', 'Seed of every model’s randomness: the same data gives the same forecast.', SEED),
    ],
    statements: (i) => [dailySeriesSql(dimsOf(i)), pricePointsSql(dimsOf(i))],
    run: rowsOf(async (c) => {
      const [daily, prices] = await Promise.all([dailySeries(c.db, dimsOf(c)), pricePoints(c.db, dimsOf(c))]);
      if (!daily.start) return [];
      const grain = grainOf(c);
      const series = toSeries(daily.start, daily.revenue, daily.discount, grain);
      const horizon = periodsFor(DEFAULT_HORIZON, grain);
      const season = seasonOf(grain);
      const needed = (BACKTEST_ORIGINS + 1) * horizon + season;
      if (series.values.length < needed)
        throw new Error(`The history has ${series.values.length} ${grain}s; the backtests need ${needed}.`);
      const withPrices = prices.units.length > 0 ? { pricePoints: prices } : {};
      const outcome = await forecastInWorkers(
        { series, horizon, season, seed: SEED, ...withPrices },
        undefined,
        c.signal,
      );
      return outcome.result.models.map((m) => ({
        model: m.label,
        recommended: m.id === outcome.result.recommended,
        ...m.metrics,
        coverage80: m.coverage80,
        coverage95: m.coverage95,
        forecastTotal: m.forecast.point.reduce((a, b) => a + b, 0),
        seconds: m.seconds,
      }));
    }),
  },
];
