import { colourScheme } from '../state/theme';

/**
 * Chart colours for colour-blind readers: Okabe–Ito, with its yellow and black swapped for a gold
 * and a grey that keep 3:1 contrast on both the light and the dark surface (yellow all but
 * vanished on white, black on the dark theme).
 */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#b58900', '#8c8c8c'];

/**
 * Axis and grid colours read from the page's CSS, so charts follow light and dark themes.
 * Reading the scheme signal makes any memo that builds options rebuild when it changes.
 */
export function axisColours(): { text: string; grid: string } {
  const scheme = colourScheme();
  // Read once per scheme: getComputedStyle forces a style recalculation of the whole page,
  // which costs tens of milliseconds on a long page each time a chart is built.
  const known = cache.get(scheme);
  if (known) return known;
  const style = typeof document === 'undefined' ? undefined : getComputedStyle(document.documentElement);
  const colours = {
    text: style?.getPropertyValue('--chart-text').trim() || '#4a5563',
    grid: style?.getPropertyValue('--chart-grid').trim() || '#e3e6ea',
  };
  if (style) cache.set(scheme, colours);
  return colours;
}

const cache = new Map<unknown, { text: string; grid: string }>();
