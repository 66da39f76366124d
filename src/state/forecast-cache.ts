/**
 * Finished tournaments kept for this session, keyed by dataset, series, grain and horizon,
 * so going back to the Forecasting page (or back to a horizon already run) is instant.
 */
import type { TournamentOutcome } from '../ml/forecast/forecast-client';

const LIMIT = 8;
const entries = new Map<string, TournamentOutcome>();

export function forecastKey(parts: {
  dataset: string;
  categories: readonly string[];
  regions: readonly string[];
  grain: string;
  horizon: number;
}): string {
  return JSON.stringify([parts.dataset, parts.categories, parts.regions, parts.grain, parts.horizon]);
}

export function cachedForecast(key: string): TournamentOutcome | undefined {
  const hit = entries.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the one evicted.
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

export function cacheForecast(key: string, outcome: TournamentOutcome): void {
  entries.set(key, outcome);
  while (entries.size > LIMIT) entries.delete(entries.keys().next().value!);
}
