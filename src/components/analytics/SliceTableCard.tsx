import type { JSX } from 'solid-js';
import type { SliceRow } from '../../data/queries/analytics';
import type { DayRange } from '../../data/periods';
import { toCsv, type CsvColumn } from '../../data/export/csv';
import { count, money, percent } from '../../format';
import { DataTable, type Column } from '../DataTable';
import type { Statement } from '../../data/queries/statement';
import { downloadText } from '../download';
import { ViewSql } from '../ViewSql';

const COLUMNS: Column<SliceRow>[] = [
  { header: 'Category', cell: (r) => r.category ?? '(none)', sortValue: (r) => r.category },
  { header: 'Region', cell: (r) => r.region ?? '(none)', sortValue: (r) => r.region },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
  { header: 'Share', cell: (r) => percent(r.share), numeric: true, sortValue: (r) => r.share },
  { header: 'Orders', cell: (r) => count(r.orders), numeric: true, sortValue: (r) => r.orders },
  { header: 'Avg order', cell: (r) => money(r.aov), numeric: true, sortValue: (r) => r.aov },
  { header: 'Units', cell: (r) => count(r.units), numeric: true, sortValue: (r) => r.units },
  { header: 'Avg discount', cell: (r) => percent(r.discount), numeric: true, sortValue: (r) => r.discount },
  { header: 'Margin', cell: (r) => percent(r.margin), numeric: true, sortValue: (r) => r.margin },
  { header: 'Returns', cell: (r) => money(r.returns), numeric: true, sortValue: (r) => r.returns },
];

// Raw numbers in the file, so a spreadsheet can compute with them.
const CSV_COLUMNS: CsvColumn<SliceRow>[] = [
  { header: 'category', value: (r) => r.category },
  { header: 'region', value: (r) => r.region },
  { header: 'revenue', value: (r) => r.revenue },
  { header: 'share', value: (r) => r.share },
  { header: 'orders', value: (r) => r.orders },
  { header: 'avg_order_value', value: (r) => r.aov },
  { header: 'units', value: (r) => r.units },
  { header: 'avg_discount', value: (r) => r.discount },
  { header: 'gross_margin', value: (r) => r.margin },
  { header: 'returns', value: (r) => r.returns },
];

/** The slice's figures by category × region: sortable, and exportable as CSV. */
export function SliceTableCard(props: { rows: SliceRow[]; period: DayRange; sql: Statement }): JSX.Element {
  const exportCsv = () =>
    downloadText(`tillsight-sales-${props.period.from}-to-${props.period.to}.csv`, toCsv(CSV_COLUMNS, props.rows));
  return (
    <section class="card" aria-labelledby="slice-table-title">
      <div class="card-head">
        <h2 class="card-title" id="slice-table-title">
          Category × region figures
        </h2>
        <div class="card-actions">
          <ViewSql statement={props.sql} what="Category × region figures" />
          <button type="button" class="button" data-testid="export-slice-csv" onClick={exportCsv}>
            Export CSV
          </button>
        </div>
      </div>
      <DataTable
        caption="Figures by category and region (click a heading to sort)"
        columns={COLUMNS}
        rows={props.rows}
        testId="slice-table"
      />
    </section>
  );
}
