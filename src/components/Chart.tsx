import { createEffect, on, onCleanup, onMount, type JSX } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A chart's look without its size: `Chart` supplies width and height. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface ChartProps {
  /** Builds the uPlot options; a new object rebuilds the chart, new data only redraws it. */
  options: ChartOptions;
  data: uPlot.AlignedData;
  height?: number;
  /** Short text alternative for screen readers. */
  label: string;
  /** Id of the element that describes the chart in words (its caption). */
  describedBy?: string;
  testId?: string;
}

/**
 * The one owner of uPlot's lifecycle: create on mount, `setData` when data changes, rebuild
 * when options change, resize with its container, destroy on cleanup.
 */
export function Chart(props: ChartProps): JSX.Element {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;

  const height = () => props.height ?? 260;
  const width = () => Math.max(200, Math.floor(host.clientWidth || host.getBoundingClientRect().width || 600));

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
  }

  onMount(() => {
    build();
    // Resize with the layout (phone rotation, sidebar), batched to one frame.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (plot && host.clientWidth > 0 && Math.abs(plot.width - width()) > 1) {
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
    });
  });

  createEffect(on(() => props.options, () => build(), { defer: true }));
  createEffect(
    on(
      () => props.data,
      (data) => plot?.setData(data),
      { defer: true },
    ),
  );

  return (
    <div
      ref={host}
      class="chart"
      role="img"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      data-testid={props.testId ?? 'chart'}
      data-drawn="false"
    />
  );
}
