import {
  createMemo,
  createRenderEffect,
  createSignal,
  createUniqueId,
  For,
  Index,
  onCleanup,
  onMount,
  Show,
  type JSX,
} from 'solid-js';
import { CsvButton, SortButton, type Column } from './DataTable';
import { orderByRanks, sortRanks, visibleRange } from './virtual-window';

/** A VirtualTable column: DataTable's `Column`, plus an optional rich cell and a width. */
export type VirtualColumn<T> = Column<T> & {
  /** Shown instead of `cell` (e.g. a `Sparkline`); `cell` still names the value for sorting and CSV. */
  render?: (row: T) => JSX.Element;
  /** CSS width of the column, e.g. "8rem" or "30%" (the layout is fixed, so columns hold still as rows scroll in). */
  width?: string;
};

/** VirtualTable's props. */
export interface VirtualTableProps<T> {
  /** Names the table (visually hidden) and its scroll region. */
  caption: string;
  columns: readonly VirtualColumn<T>[];
  /** Every row, already filtered by the caller; only those in view are rendered. */
  rows: readonly T[];
  /** A stable id per row, so a row that stays in view keeps its DOM as the window moves. */
  rowKey: (row: T) => string;
  /** `data-testid` on every body row. */
  rowTestId?: string;
  /** Extra `data-*` attributes per row, e.g. `{ 'data-sku': r.sku }` (a name without `data-` gets it). */
  rowAttrs?: (row: T) => Record<string, string | number>;
  /** Shown when there are no rows. */
  empty?: string;
  /** `data-testid` on the table; its scroll region gets `<testId>-scroll`. */
  testId?: string;
  /** When given, a "Download CSV" button saves all rows, in their sorted order, under this name. */
  filename?: string;
  /** Height of every body row in CSS pixels (default 36); rows are clipped to it. */
  rowHeight?: number;
  /** Height of the scroll region in CSS pixels (default 480; at most 70% of the screen on phones). */
  height?: number;
  /** Rows rendered beyond each edge of the view (default 8), so fast scrolling shows no gaps. */
  overscan?: number;
}

type Sort = { index: number; descending: boolean } | undefined;

/**
 * An accessible table that renders only the rows in view, for lists of 10,000 rows and more.
 * Every column sorts on a header click (numbers largest first, text A→Z; again to reverse);
 * cells are text unless a column has `render`. Screen readers get the full size from
 * `aria-rowcount` and each row's place from `aria-rowindex`.
 *
 * @example
 * <VirtualTable caption="Products" rows={products()} rowKey={(p) => p.sku} filename="products.csv"
 *   columns={[{ header: 'Units', cell: (p) => String(p.units), numeric: true, sortValue: (p) => p.units }]} />
 */
export function VirtualTable<T>(props: VirtualTableProps<T>): JSX.Element {
  const captionId = createUniqueId();
  const rowHeight = () => props.rowHeight ?? 36;
  const height = () => props.height ?? 480;

  const [sort, setSort] = createSignal<Sort>();
  const [announcement, setAnnouncement] = createSignal('');
  const sortColumn = createMemo(() => {
    const index = sort()?.index;
    return index === undefined ? undefined : props.columns[index];
  });
  // Keys are computed once per sort column (and rows); reversing only re-orders the ranks.
  const ranks = createMemo(() => {
    const c = sortColumn();
    return c ? sortRanks(props.rows, c.sortValue ?? c.cell) : undefined;
  });
  const order = createMemo(() => {
    const r = ranks();
    return r ? orderByRanks(r, sort()?.descending ?? false) : undefined;
  });
  const rowAt = (position: number): T => {
    const o = order();
    return props.rows[o ? o[position]! : position]!;
  };
  /** All rows in their shown order, for the CSV. */
  const sortedRows = (): readonly T[] => {
    const o = order();
    return o ? Array.from(o, (i) => props.rows[i]!) : props.rows;
  };

  let scroller!: HTMLDivElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  // The region's height as last observed; until then the height it is given.
  const [viewport, setViewport] = createSignal(0);
  const range = createMemo(
    () => visibleRange(scrollTop(), viewport() || height(), rowHeight(), props.rows.length, props.overscan ?? 8),
    undefined,
    // Most scroll frames move less than a row: the same range must not re-render anything.
    { equals: (a, b) => a?.start === b?.start && a?.end === b?.end },
  );
  const view = createMemo(() => {
    const { start, end } = range();
    const rows: T[] = [];
    for (let i = start; i < end; i++) rows.push(rowAt(i));
    return { start, end, rows };
  });

  // At most one window update per frame, however many scroll events arrive.
  let frame = 0;
  const onScroll = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      setScrollTop(scroller.scrollTop);
    });
  };
  onMount(() => {
    // Observer callbacks run after layout, so reading clientHeight here forces none.
    const observer = new ResizeObserver(() => setViewport(scroller.clientHeight));
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });
  onCleanup(() => cancelAnimationFrame(frame));

  const toggle = (index: number, column: VirtualColumn<T>) => {
    const s = sort();
    // Numbers start largest first, text A→Z.
    const descending = s?.index === index ? !s.descending : Boolean(column.numeric);
    setSort({ index, descending });
    setAnnouncement(`Sorted by ${column.header}, ${descending ? 'descending' : 'ascending'}`);
    // A new order starts at its top.
    scroller.scrollTop = 0;
    setScrollTop(0);
  };
  const ariaSort = (index: number) => {
    const s = sort();
    if (s?.index !== index) return 'none';
    return s.descending ? 'descending' : 'ascending';
  };

  // Stands in for the rows above or below the window, so the scrollbar reflects all rows.
  const spacer = (pixels: () => number) => (
    <Show when={pixels() > 0}>
      <tr class="vtable-spacer" aria-hidden="true" style={{ height: `${pixels()}px` }}>
        <td colSpan={props.columns.length} />
      </tr>
    </Show>
  );

  return (
    <>
      <div
        ref={scroller}
        class="vtable-scroll"
        tabindex="0"
        role="region"
        aria-labelledby={captionId}
        data-testid={props.testId ? `${props.testId}-scroll` : undefined}
        style={{ '--vt-height': `${height()}px`, '--vt-row': `${rowHeight()}px` }}
        onScroll={onScroll}
      >
        <table
          class="vtable"
          data-testid={props.testId}
          aria-rowcount={props.rows.length > 0 ? props.rows.length + 1 : undefined}
          style={{ '--vt-cols': String(props.columns.length) }}
        >
          <caption class="sr-only" id={captionId}>
            {props.caption}
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              <For each={props.columns}>
                {(c, i) => (
                  <th
                    scope="col"
                    classList={{ num: c.numeric }}
                    aria-sort={ariaSort(i())}
                    style={c.width ? { width: c.width } : undefined}
                  >
                    <SortButton label={c.header} sort={ariaSort(i())} onClick={() => toggle(i(), c)} />
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <Show
              when={props.rows.length > 0}
              fallback={
                <tr>
                  <td colSpan={props.columns.length} class="muted">
                    {props.empty ?? 'Nothing to show.'}
                  </td>
                </tr>
              }
            >
              {spacer(() => view().start * rowHeight())}
              {/* Keyed by slot, not by row: scrolling refills the same rows' cells with other
                  products' text instead of building and removing rows, which a fast scroll
                  through 10,000 products made the main cost (DOM removal and GC). */}
              <Index each={view().rows}>
                {(row, index) => (
                  <tr
                    data-testid={props.rowTestId}
                    data-row-key={props.rowKey(row())}
                    aria-rowindex={view().start + index + 2}
                    ref={(el) => {
                      if (props.rowAttrs) bindDataAttributes(el, () => props.rowAttrs?.(row()));
                    }}
                  >
                    <For each={props.columns}>{(c) => <Cell column={c} row={row()} />}</For>
                  </tr>
                )}
              </Index>
              {spacer(() => (props.rows.length - view().end) * rowHeight())}
            </Show>
          </tbody>
        </table>
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show when={props.filename}>
        {(filename) => (
          <CsvButton filename={filename()} caption={props.caption} columns={props.columns} rows={sortedRows} />
        )}
      </Show>
    </>
  );
}

/** One body cell: the column's `render` if it has one, else its text (with the full text as a tooltip, as it may be cut off). */
function Cell<T>(props: { column: VirtualColumn<T>; row: T }): JSX.Element {
  const render = props.column.render;
  if (render) return <td classList={{ num: props.column.numeric }}>{render(props.row)}</td>;
  const text = createMemo(() => props.column.cell(props.row));
  return (
    <td classList={{ num: props.column.numeric }} title={props.column.numeric ? undefined : text()}>
      {text()}
    </td>
  );
}

/** Keeps an element's `data-*` attributes in step with `attrs`, removing those no longer given. */
function bindDataAttributes(el: HTMLElement, attrs: () => Record<string, string | number> | undefined): void {
  createRenderEffect((previous: readonly string[]) => {
    const names: string[] = [];
    for (const [name, value] of Object.entries(attrs() ?? {})) {
      // Only data-* names: an attribute such as "onclick" from data would run as script.
      const attr = name.startsWith('data-') ? name : `data-${name}`;
      el.setAttribute(attr, String(value));
      names.push(attr);
    }
    for (const name of previous) if (!names.includes(name)) el.removeAttribute(name);
    return names;
  }, []);
}
