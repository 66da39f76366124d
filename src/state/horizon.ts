/** The Forecasting page's `horizon` URL parameter: whole days from 7 to 180. */

export const HORIZON_CHOICES = [30, 60, 90, 120] as const;
export const DEFAULT_HORIZON = 30;
export const MIN_HORIZON = 7;
export const MAX_HORIZON = 180;

export function parseHorizon(raw: string | string[] | undefined): { days: number; notices: string[] } {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return { days: DEFAULT_HORIZON, notices: [] };
  if (!/^\d+$/.test(value.trim()))
    return {
      days: DEFAULT_HORIZON,
      notices: [`Ignored “horizon=${value}”: give a whole number of days from ${MIN_HORIZON} to ${MAX_HORIZON}.`],
    };
  const days = Number(value.trim());
  if (days < MIN_HORIZON || days > MAX_HORIZON) {
    return {
      days: DEFAULT_HORIZON,
      notices: [`Ignored “horizon=${value}”: forecasts run from ${MIN_HORIZON} to ${MAX_HORIZON} days ahead.`],
    };
  }
  return { days, notices: [] };
}
