import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { chartPng, imageStyleOf } from '../charts/chart-png';
import { Chart, type ChartOptions } from './Chart';
import type { Statement } from '../data/queries/statement';
import { DataTable, type Column } from './DataTable';
import { ViewSql } from './ViewSql';
import { downloadBlob, fileName } from './download';

interface ChartCardProps<T> {
  title: string;
  /** The key figure in words, read by everyone (and by screen readers as the chart's summary). */
  caption: string;
  options: ChartOptions;
  data: uPlot.AlignedData;
  /** The same numbers as a table: the chart's text alternative. */
  tableColumns: readonly Column<T>[];
  tableRows: readonly T[];
  testId: string;
  /** The query behind the numbers (filters filled in), for "View SQL". */
  sql: Statement;
  empty?: string;
}

/** A titled chart with its caption, a "show as table" alternative, its SQL, and downloads (PNG, table as CSV). */
export function ChartCard<T>(props: ChartCardProps<T>): JSX.Element {
  const captionId = createUniqueId();
  const hintId = createUniqueId();
  // The table is built when first opened: most people never open it, and a filter change
  // would otherwise rebuild every hidden table too.
  const [open, setOpen] = createSignal(false);
  const [pngError, setPngError] = createSignal('');
  let card!: HTMLElement;
  let plot: uPlot | undefined;
  const savePng = async () => {
    if (!plot) return;
    setPngError('');
    try {
      downloadBlob(fileName(props.title, 'png'), await chartPng(plot, props.title, imageStyleOf(card)));
    } catch (err) {
      setPngError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section ref={card} class="card chart-card" data-testid={props.testId}>
      <h2 class="card-title">{props.title}</h2>
      <Show
        when={props.tableRows.length > 0}
        fallback={<p class="muted empty-chart">{props.empty ?? 'No sales in this selection.'}</p>}
      >
        <figure class="chart-figure">
          <Chart
            options={props.options}
            data={props.data}
            label={`${props.title} chart`}
            describedBy={`${captionId} ${hintId}`}
            plotRef={(p) => (plot = p)}
          />
          <figcaption class="chart-caption" id={captionId}>
            {props.caption}
          </figcaption>
          {/* Read after the caption (aria-describedby reads hidden elements too). */}
          <span id={hintId} hidden>
            The numbers are in the table under “Show as table”, after the chart.
          </span>
        </figure>
        <div class="chart-tools">
          <details class="table-alt" onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>Show as table</summary>
            <Show when={open()}>
              <DataTable
                caption={props.title}
                columns={props.tableColumns}
                rows={props.tableRows}
                filename={fileName(props.title, 'csv')}
              />
            </Show>
          </details>
          <div class="chart-buttons">
            <ViewSql statement={props.sql} what={props.title} />
            <button
              type="button"
              class="button button-small chart-png"
              data-testid="chart-png"
              aria-label={`Download ${props.title} as PNG`}
              onClick={() => void savePng()}
            >
              PNG
            </button>
          </div>
        </div>
        <Show when={pngError()}>
          <p class="export-error" role="alert">
            {pngError()}
          </p>
        </Show>
      </Show>
    </section>
  );
}
