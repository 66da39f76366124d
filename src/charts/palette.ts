import { colourScheme } from '../state/theme';

/** Chart colours, chosen for contrast on light and dark backgrounds and for colour-blind readers (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

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
