import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tableCsv, type TableCsvColumn } from '../../src/data/export/table-csv';
import { parseCsv } from '../helpers/csv';

interface Row {
  customer: string | null;
  revenue: number;
}

const COLUMNS: TableCsvColumn<Row>[] = [
  { header: 'Customer', cell: (r) => r.customer ?? '—', csvValue: (r) => r.customer, customerId: true },
  { header: 'Revenue', cell: (r) => `${r.revenue} USD`, csvValue: (r) => r.revenue },
  { header: 'Shown', cell: (r) => `${r.revenue} USD` },
  { header: 'Sorted', cell: (r) => `${r.revenue} USD`, numeric: true, sortValue: (r) => r.revenue },
];
const ROWS: Row[] = [
  { customer: 'C1', revenue: 1234.5 },
  { customer: null, revenue: -2 },
  { customer: 'C1', revenue: 3 },
];
const read = (text: string) => parseCsv(text.replace(/\r\n/g, '\n'));
const hash = (id: string, salt: string) =>
  createHash('sha256')
    .update(salt + id)
    .digest('hex')
    .slice(0, 16);

describe('tableCsv', () => {
  it("writes csvValue, else a numeric column's sort value, else the shown text (formula-safe)", async () => {
    expect(read(await tableCsv(COLUMNS, ROWS))).toEqual([
      { Customer: 'C1', Revenue: '1234.5', Shown: '1234.5 USD', Sorted: '1234.5' },
      { Customer: '', Revenue: '-2', Shown: "'-2 USD", Sorted: '-2' },
      { Customer: 'C1', Revenue: '3', Shown: '3 USD', Sorted: '3' },
    ]);
  });

  it('pseudonymises customer-id columns with the salt, and leaves a missing customer empty', async () => {
    const rows = read(await tableCsv(COLUMNS, ROWS, 'pepper'));
    expect(rows.map((r) => r.Customer)).toEqual([hash('C1', 'pepper'), '', hash('C1', 'pepper')]);
    expect(rows.map((r) => r.Revenue)).toEqual(['1234.5', '-2', '3']);
  });
});
