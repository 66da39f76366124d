import { describe, expect, it } from 'vitest';
import { tableToCsv, toCsv } from '../../src/data/export/csv';
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

describe('tableToCsv', () => {
  it('writes a query table by position, empty for null', () => {
    const text = tableToCsv(
      ['id', 'revenue', 'note'],
      [
        ['T1', 12.5, null],
        ['=T2', -3, true],
      ],
    );
    expect(parseCsv(text.replace(/\r\n/g, '\n'))).toEqual([
      { id: 'T1', revenue: '12.5', note: '' },
      { id: "'=T2", revenue: '-3', note: 'true' },
    ]);
  });
});
