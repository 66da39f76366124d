import { shiftDay } from '../data/periods';

/** A named date range, relative to the last day of the data (not today: an export ends when it ends). */
export type PresetId = 'all' | 'last30' | 'last90' | 'month' | 'qtd' | 'ytd' | 'last12m';

/** Preset ids with their labels, in menu order. */
export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: 'all', label: 'All dates' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'last90', label: 'Last 90 days' },
  { id: 'month', label: 'This month' },
  { id: 'qtd', label: 'Quarter to date' },
  { id: 'ytd', label: 'Year to date' },
  { id: 'last12m', label: 'Last 12 months' },
];

/** The from/to of a preset when the data's last day is `last` (YYYY-MM-DD). */
export function presetRange(id: PresetId, last: string): { from?: string; to?: string } {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (id) {
    case 'all':
      return {};
    case 'last30':
      return { from: shiftDay(last, -29), to: last };
    case 'last90':
      return { from: shiftDay(last, -89), to: last };
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: last };
    case 'qtd':
      return { from: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, to: last };
    case 'ytd':
      return { from: `${y}-01-01`, to: last };
    case 'last12m': {
      // Same day a year earlier (29 Feb → 28 Feb), plus one: twelve whole months.
      const d = Number(last.slice(8, 10));
      const monthDays = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
      return { from: shiftDay(`${y - 1}-${pad(m)}-${pad(Math.min(d, monthDays))}`, 1), to: last };
    }
  }
}

/** Which preset a from/to pair is, or 'custom'. */
export function matchPreset(
  from: string | undefined,
  to: string | undefined,
  last: string | undefined,
): PresetId | 'custom' {
  if (!from && !to) return 'all';
  if (!last) return 'custom';
  const hit = PRESETS.find((p) => {
    const r = presetRange(p.id, last);
    return r.from === from && r.to === to;
  });
  return hit?.id ?? 'custom';
}
