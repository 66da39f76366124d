import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { layoutLegend, legendEntries, type LegendEntry } from '../../src/charts/chart-png';

// Only `series` is read: a built uPlot has turned stroke and fill into functions.
const plotWith = (series: uPlot.Series[]) => ({ series }) as unknown as uPlot;

describe('legendEntries', () => {
  it('lists shown, labelled series after x with their colours resolved', () => {
    const u = plotWith([
      { label: 'Period' },
      { label: 'Revenue', stroke: () => '#0072b2', fill: () => '#0072b222' },
      { label: 'Previous period', stroke: '#4a5563', dash: [6, 4] },
      { label: 'Hidden', stroke: '#000', show: false },
      { label: 'Bars', fill: '#e69f00cc' },
    ]);
    expect(legendEntries(u, '#111')).toEqual([
      { label: 'Revenue', stroke: '#0072b2', fill: '#0072b222', dashed: false },
      { label: 'Previous period', stroke: '#4a5563', fill: undefined, dashed: true },
      { label: 'Bars', stroke: '#e69f00cc', fill: '#e69f00cc', dashed: false },
    ]);
  });

  it('falls back to the text colour for a gradient or no colour', () => {
    const gradient = {} as CanvasGradient;
    const u = plotWith([{}, { label: 'A', stroke: () => gradient }, { label: 'B' }]);
    expect(legendEntries(u, '#111').map((e) => e.stroke)).toEqual(['#111', '#111']);
  });
});

describe('layoutLegend', () => {
  const entry = (label: string): LegendEntry => ({ label, stroke: '#000', dashed: false });
  // 10 px a character; an entry is 12 (swatch) + 6 (gap) + text wide, 16 apart.
  const measure = (t: string) => t.length * 10;

  it('places entries on one line while they fit', () => {
    const { placed, height } = layoutLegend([entry('abc'), entry('de')], 400, measure);
    expect(placed.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [64, 0],
    ]);
    expect(height).toBe(20);
  });

  it('wraps to a new line where the width runs out, never leaving a line empty', () => {
    // 118 + 16 + 118 = 252 fits in 260; the third is wider than the line and still goes on one of its own.
    const { placed, height } = layoutLegend(
      [entry('a'.repeat(10)), entry('b'.repeat(10)), entry('c'.repeat(50))],
      260,
      measure,
    );
    expect(placed.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [134, 0],
      [0, 20],
    ]);
    expect(height).toBe(40);
  });

  it('takes no room without entries', () => {
    expect(layoutLegend([], 300, measure)).toEqual({ placed: [], height: 0 });
  });
});
