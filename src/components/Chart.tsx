import { createEffect, on, onCleanup, onMount, untrack, type JSX } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { colourScheme } from '../state/theme';

/** A chart's look without its size: `Chart` supplies width and height. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface ChartProps {
  /** Builds the uPlot options; a new object rebuilds the chart, new data only redraws it. */
  options: ChartOptions;
  data: uPlot.AlignedData;
  height?: number;
  /** Short text alternative for screen readers. */
  label: string;
  /** Ids (space-separated) of the elements that describe the chart in words: its caption, where its table is. */
  describedBy?: string;
  testId?: string;
  /** Called with the uPlot instance after each (re)build and with undefined once it is gone, e.g. to save it as an image. */
  plotRef?: (plot: uPlot | undefined) => void;
}

/**
 * The one owner of uPlot's lifecycle: create on mount, `setData` when data changes, rebuild
 * when options change, resize with its container, destroy on cleanup.
 */
export function Chart(props: ChartProps): JSX.Element {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  let builtWith: ChartOptions | undefined;

  const height = () => props.height ?? 260;
  // The width as the ResizeObserver last reported it: reading clientWidth after the page's DOM
  // changed would force a layout of the whole page on every rebuild.
  let knownWidth = 0;
  const width = () => Math.max(200, Math.floor(knownWidth || (knownWidth = host.clientWidth) || 600));

  function build(): void {
    plot?.destroy();
    host.dataset.drawn = 'false';
    const options: uPlot.Options = {
      ...props.options,
      width: width(),
      height: height(),
      hooks: {
        ...props.options.hooks,
        draw: [
          ...(props.options.hooks?.draw ?? []),
          () => {
            host.dataset.drawn = 'true';
          },
        ],
      },
    };
    plot = new uPlot(options, props.data, host);
    builtWith = props.options;
    // Which scheme's colours this build has: tests check that a theme change really rebuilt it.
    // Untracked, so that only new options (which read the scheme themselves) rebuild the chart.
    host.dataset.scheme = untrack(colourScheme);
    describeCanvas();
    props.plotRef?.(plot);
  }

  /**
   * The drawing is the image, not the whole chart: uPlot's legend (names, values, series
   * toggles) sits beside the canvas in the same element and must stay readable, not be
   * flattened into an image. So the canvas area is the Tab stop with the name and summary.
   */
  function describeCanvas(): void {
    const area = plot?.root.querySelector<HTMLElement>('.u-wrap');
    if (!area) return;
    area.tabIndex = 0;
    area.setAttribute('role', 'img');
    area.setAttribute('aria-label', props.label);
    if (props.describedBy) area.setAttribute('aria-describedby', props.describedBy);
    else area.removeAttribute('aria-describedby');
  }
  createEffect(on([() => props.label, () => props.describedBy], describeCanvas, { defer: true }));

  onMount(() => {
    build();
    // Resize with the layout (phone rotation, sidebar), batched to one frame.
    let frame = 0;
    const observer = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width ?? 0;
      if (w > 0) knownWidth = Math.floor(w);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (plot && knownWidth > 0 && Math.abs(plot.width - width()) > 1) {
          plot.setSize({ width: width(), height: height() });
        }
      });
    });
    observer.observe(host);
    onCleanup(() => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      plot?.destroy();
      plot = undefined;
      props.plotRef?.(undefined);
    });
  });

  // One effect for both: when options and data change together (a series added or dropped),
  // setData on the old plot would hand it data of the wrong shape before the rebuild.
  createEffect(
    on(
      [() => props.options, () => props.data] as const,
      ([options, data]) => {
        if (options !== builtWith) build();
        else plot?.setData(data);
      },
      { defer: true },
    ),
  );

  // The canvas area is in the tab order (describeCanvas), so a keyboard user meets the chart and
  // hears its name and summary; the numbers are in the "Show as table" next to it.
  return <div ref={host} class="chart" data-testid={props.testId ?? 'chart'} data-drawn="false" />;
}
