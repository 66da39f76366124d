import type uPlot from 'uplot';

/** One series as the image's legend shows it. */
export interface LegendEntry {
  label: string;
  /** Line (or bar outline) colour. */
  stroke: string;
  /** Area or bar colour, when the series has one as plain CSS colour. */
  fill?: string | undefined;
  dashed: boolean;
}

/** Colours and font of the card the chart sits in, so the image looks like the screen. */
export interface ImageStyle {
  background: string;
  text: string;
  fontFamily: string;
}

/** A legend entry's place, in CSS pixels from the legend's top left. */
export interface LegendPlacement {
  entry: LegendEntry;
  x: number;
  y: number;
}

/** Sizes of the image's parts in CSS pixels (multiplied by the canvas's pixel ratio when drawn). */
const SIZE = { pad: 12, title: 16, legend: 13, line: 20, swatch: 12, gap: 6, itemGap: 16 } as const;

const colour = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The series a legend lists (not x, not hidden ones), with their colours resolved. uPlot's
 * legend is HTML, outside the canvas, so an image has to draw its own.
 */
export function legendEntries(u: uPlot, fallbackColour: string): LegendEntry[] {
  const entries: LegendEntry[] = [];
  u.series.forEach((s, i) => {
    if (i === 0 || s.show === false) return;
    const label = typeof s.label === 'string' ? s.label : (s.label?.textContent ?? '');
    if (!label) return;
    // uPlot turns stroke and fill into functions once built; gradients fall back to the text colour.
    const stroke = typeof s.stroke === 'function' ? s.stroke(u, i) : s.stroke;
    const fill = typeof s.fill === 'function' ? s.fill(u, i) : s.fill;
    entries.push({
      label,
      stroke: colour(stroke) ?? colour(fill) ?? fallbackColour,
      fill: colour(fill),
      dashed: Boolean(s.dash?.length),
    });
  });
  return entries;
}

/** Places legend entries left to right, wrapping to a new line where the width runs out. */
export function layoutLegend(
  entries: readonly LegendEntry[],
  width: number,
  measure: (text: string) => number,
): { placed: LegendPlacement[]; height: number } {
  const placed: LegendPlacement[] = [];
  let x = 0;
  let y = 0;
  for (const entry of entries) {
    const w = SIZE.swatch + SIZE.gap + measure(entry.label);
    if (x > 0 && x + w > width) {
      x = 0;
      y += SIZE.line;
    }
    placed.push({ entry, x, y });
    x += w + SIZE.itemGap;
  }
  return { placed, height: entries.length ? y + SIZE.line : 0 };
}

/** The first opaque background colour from an element up (cards may be transparent on some themes). */
export function imageStyleOf(el: Element): ImageStyle {
  const own = getComputedStyle(el);
  let background = '#ffffff';
  for (let node: Element | null = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && !/^(transparent|rgba\(.*,\s*0\))$/.test(bg)) {
      background = bg;
      break;
    }
  }
  return { background, text: own.color || '#1b2430', fontFamily: own.fontFamily || 'system-ui, sans-serif' };
}

/** A new canvas: the chart's canvas on the card's background, its title above and its legend below. */
export function composeChartImage(u: uPlot, title: string, style: ImageStyle): HTMLCanvasElement {
  const source = u.ctx.canvas;
  // The plot canvas is drawn at the device's pixel ratio: draw the rest at the same ratio.
  const ratio = u.width > 0 ? source.width / u.width : 1;
  const cssWidth = source.width / ratio;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images of charts.');

  const legendFont = `${SIZE.legend}px ${style.fontFamily}`;
  ctx.font = legendFont;
  const legend = layoutLegend(legendEntries(u, style.text), cssWidth, (t) => ctx.measureText(t).width);
  const chartTop = SIZE.pad + SIZE.title + SIZE.pad;
  const legendTop = chartTop + source.height / ratio + SIZE.pad;
  const cssHeight = legendTop + legend.height + (legend.height ? SIZE.pad : 0);

  // Setting the size resets the context, so the font is set again below.
  canvas.width = Math.round((cssWidth + 2 * SIZE.pad) * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  ctx.fillStyle = style.text;
  ctx.textBaseline = 'top';
  ctx.font = `600 ${SIZE.title}px ${style.fontFamily}`;
  ctx.fillText(title, SIZE.pad, SIZE.pad, cssWidth);

  ctx.drawImage(source, SIZE.pad, chartTop, cssWidth, source.height / ratio);

  ctx.font = legendFont;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 2;
  for (const { entry, x, y } of legend.placed) {
    const left = SIZE.pad + x;
    const middle = legendTop + y + SIZE.line / 2;
    const top = middle - SIZE.swatch / 2;
    if (entry.fill) {
      ctx.fillStyle = entry.fill;
      ctx.fillRect(left, top, SIZE.swatch, SIZE.swatch);
    }
    ctx.strokeStyle = entry.stroke;
    ctx.setLineDash(entry.dashed ? [3, 2] : []);
    ctx.strokeRect(left + 1, top + 1, SIZE.swatch - 2, SIZE.swatch - 2);
    ctx.fillStyle = style.text;
    ctx.fillText(entry.label, left + SIZE.swatch + SIZE.gap, middle);
  }
  return canvas;
}

/** The chart as a PNG image with its title and legend. */
export function chartPng(u: uPlot, title: string, style: ImageStyle): Promise<Blob> {
  const canvas = composeChartImage(u, title, style);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be saved as an image.'))),
      'image/png',
    ),
  );
}
