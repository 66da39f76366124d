import { colourScheme } from '../state/theme';

/** Chart colours, chosen for contrast on light and dark backgrounds and for colour-blind readers (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/**
 * Axis and grid colours read from the page's CSS, so charts follow light and dark themes.
 * Reading the scheme signal makes any memo that builds options rebuild when it changes.
 */
export function axisColours(): { text: string; grid: string } {
  colourScheme();
  const style = typeof document === 'undefined' ? undefined : getComputedStyle(document.documentElement);
  return {
    text: style?.getPropertyValue('--chart-text').trim() || '#4a5563',
    grid: style?.getPropertyValue('--chart-grid').trim() || '#e3e6ea',
  };
}
