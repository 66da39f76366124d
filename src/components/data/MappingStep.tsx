import { For, Show, type JSX } from 'solid-js';
import { dateOrderAmbiguous } from '../../data/import/column-profile';
import { fieldsFor, missingRequired } from '../../data/import/options';
import type { ImportRole } from '../../data/import/stage';
import type { DateOrder } from '../../data/import/value-shapes';
import type { ImportSession } from '../../state/import-session';

const ORDER_LABELS: Record<DateOrder, string> = {
  ymd: 'Year-month-day (2024-03-04)',
  mdy: 'Month/day/year (US: 03/04/2024 is 4 March)',
  dmy: 'Day/month/year (03/04/2024 is 3 April)',
  named: 'With month names (4 Mar 2024)',
  serial: 'Spreadsheet serial numbers',
};

const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-repaired': 'UTF-8 with a few broken characters (shown as �)',
  'windows-1252': 'Windows-1252 (converted: the file is not UTF-8)',
  'utf-16le': 'UTF-16 (converted)',
  'utf-16be': 'UTF-16 (converted)',
};

const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** One file's mapping: a source column for each field, the date order, and a preview of the rows. */
function FileMapping(props: { session: ImportSession; role: ImportRole }): JSX.Element {
  const chosen = () => props.session.files()[props.role];
  return (
    <Show when={chosen()}>
      {(c) => {
        const staged = () => c().staged;
        const options = () => c().options;
        const ts = () => staged().columns.find((col) => col.name === options().mapping.ts);
        return (
          <div class="mapping-file">
            <h3>
              {props.role === 'sales' ? 'Sales' : 'Products'}: {c().name}
            </h3>
            <Show when={c().url}>
              <p class="muted" data-testid="import-url-preview">
                Parquet over HTTP: {(c().totalRows ?? staged().rows).toLocaleString()} rows. The first{' '}
                {staged().rows.toLocaleString()} are read to propose the mapping; loading downloads only the columns you
                map.
              </p>
            </Show>
            <p class="muted">
              {staged().rows.toLocaleString()} rows
              {staged().structuralRejects > 0
                ? ` (+${staged().structuralRejects.toLocaleString()} that could not be split into columns)`
                : ''}
              {' · '}
              {staged().kind === 'arrow'
                ? 'Parquet'
                : `${ENCODINGS[staged().encoding ?? 'utf-8'] ?? staged().encoding}, ${DELIMITERS[staged().dialect?.delimiter ?? ','] ?? ''}-separated${staged().dialect?.header ? ', with a header row' : ', no header row'}${staged().dialect?.skip ? `, ${staged().dialect?.skip} title lines skipped` : ''}`}
            </p>
            <div class="table-wrap">
              <table class="mapping-table">
                <caption class="sr-only">Which column of {c().name} fills each field</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Column in your file</th>
                    <th scope="col">Examples</th>
                    <th scope="col">Used for</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={fieldsFor(props.role)}>
                    {(spec) => {
                      const current = () => options().mapping[spec.field];
                      const profile = () => staged().columns.find((col) => col.name === current());
                      return (
                        <tr data-testid="mapping-row" data-field={spec.field} data-column={current() ?? ''}>
                          <th scope="row">{spec.label}</th>
                          <td>
                            <select
                              aria-label={`Column for ${spec.label}`}
                              value={current() ?? ''}
                              onChange={(e) =>
                                void props.session.setField(props.role, spec.field, e.currentTarget.value || undefined)
                              }
                            >
                              <option value="">— not in this file —</option>
                              <For each={staged().columns}>{(col) => <option value={col.name}>{col.name}</option>}</For>
                            </select>
                          </td>
                          <td class="muted">
                            <span class="examples" title={profile()?.examples.join(' · ') ?? ''}>
                              {profile()?.examples.join(' · ') ?? ''}
                            </span>
                          </td>
                          <td class="muted">{spec.use}</td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={props.role === 'sales' && ts()}>
              <label class="field date-order">
                <span class="filter-label">Dates in {options().mapping.ts} are</span>
                <select
                  value={options().dateOrder}
                  onChange={(e) => void props.session.setDateOrder(e.currentTarget.value as DateOrder)}
                  data-testid="import-date-order"
                >
                  <For each={Object.entries(ORDER_LABELS)}>
                    {([value, label]) => <option value={value}>{label}</option>}
                  </For>
                </select>
              </label>
              <Show
                when={
                  ts() &&
                  dateOrderAmbiguous({ ...ts()!, dateOrder: options().dateOrder }) &&
                  options().dateOrderAmbiguous
                }
              >
                <p class="notice" role="status" data-testid="import-date-ambiguous">
                  No date in {options().mapping.ts} has a day above 12, so the data cannot tell day/month from
                  month/day. Tillsight assumed {options().dateOrder === 'dmy' ? 'day first' : 'month first'}: check the
                  choice above.
                </p>
              </Show>
            </Show>
            <Show when={missingRequired(options()).length > 0}>
              <p
                class="error-box"
                role="alert"
                data-testid="import-error"
                data-code={
                  options().role === 'products' ? 'no-product-id' : options().mapping.ts ? 'no-revenue' : 'no-date'
                }
              >
                To load this file Tillsight needs {missingRequired(options()).join(' and ')}. Pick it above if your file
                has one.
              </p>
            </Show>
            <div class="table-wrap">
              <table class="preview-table">
                <caption>First rows as read</caption>
                <thead>
                  <tr>
                    <For each={staged().columns}>
                      {(col) => {
                        const field = () => Object.entries(options().mapping).find(([, v]) => v === col.name)?.[0];
                        return (
                          <th scope="col">
                            {col.name}
                            <Show when={field()}>
                              <span class="mapped-as">
                                {' '}
                                → {fieldsFor(props.role).find((f) => f.field === field())?.label}
                              </span>
                            </Show>
                          </th>
                        );
                      }}
                    </For>
                  </tr>
                </thead>
                <tbody>
                  <For each={staged().preview}>
                    {(row) => (
                      <tr>
                        <For each={row}>{(cell) => <td>{cell ?? ''}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </div>
        );
      }}
    </Show>
  );
}

/** The mapping step for the chosen files, with the optional products file and the load button. */
export function MappingStep(props: { session: ImportSession }): JSX.Element {
  const s = props.session;
  const blocked = () => {
    const { sales, products } = s.files();
    return (
      !sales ||
      missingRequired(sales.options).length > 0 ||
      (products !== undefined && missingRequired(products.options).length > 0)
    );
  };
  const busy = () => s.phase() === 'reading' || s.phase() === 'loading';
  return (
    <section class="card mapping-step" aria-labelledby="mapping-title">
      <h2 class="card-title" id="mapping-title">
        Check the columns
      </h2>
      <p class="muted">
        Tillsight matched your columns by their names and values. Correct anything that is wrong, then load.
      </p>
      <FileMapping session={s} role="sales" />
      <div class="products-file">
        <Show
          when={s.files().products}
          fallback={
            <label class="file-label">
              <span>Optional: a products file with stock on hand, lead time or cost</span>
              <input
                type="file"
                accept=".csv,.tsv,.txt,.gz,.parquet"
                data-testid="import-products-file"
                disabled={busy()}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file) void s.chooseFile('products', file);
                }}
              />
            </label>
          }
        >
          <FileMapping session={s} role="products" />
          <button type="button" class="link-button" onClick={() => s.removeProducts()}>
            Leave out the products file
          </button>
        </Show>
      </div>
      <div class="mapping-actions">
        <button
          type="button"
          class="button button-primary"
          data-testid="import-confirm"
          disabled={blocked() || busy()}
          onClick={() => void s.confirm()}
        >
          Load this data
        </button>
        <button type="button" class="link-button" onClick={() => s.reset()} disabled={busy()}>
          Start over
        </button>
      </div>
    </section>
  );
}
