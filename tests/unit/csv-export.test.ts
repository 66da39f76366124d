import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/data/export/csv';
import { parseCsv } from '../helpers/csv';

describe('toCsv', () => {
  const columns = [
    { header: 'name', value: (r: { name: string | null; value: number | null }) => r.name },
    { header: 'value', value: (r: { name: string | null; value: number | null }) => r.value },
  ];

  it('quotes commas, quotes and newlines so the file reads back the same', () => {
    const rows = [
      { name: 'Pens, Assorted', value: 1.5 },
      { name: 'Board Game "Castle Quest"', value: -2 },
      { name: 'two\nlines', value: null },
    ];
    const text = toCsv(columns, rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.replace(/\r\n/g, '\n'))).toEqual([
      { name: 'Pens, Assorted', value: '1.5' },
      { name: 'Board Game "Castle Quest"', value: '-2' },
      { name: 'two\nlines', value: '' },
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const text = toCsv(columns, [
      { name: '=HYPERLINK("http://x")', value: -5 },
      { name: '+1', value: 0 },
      { name: '@SUM(A1)', value: null },
    ]);
    const rows = parseCsv(text.replace(/\r\n/g, '\n'));
    expect(rows.map((r) => r.name)).toEqual(['\'=HYPERLINK("http://x")', "'+1", "'@SUM(A1)"]);
    expect(rows[0]?.value).toBe('-5');
  });
});
