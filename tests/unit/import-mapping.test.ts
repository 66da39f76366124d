import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../src/data/import/column-profile';
import { detectDialect } from '../../src/data/import/dialect';
import { PRODUCTS_FIELDS, SALES_FIELDS } from '../../src/data/import/fields';
import { autoMap, normaliseHeader } from '../../src/data/import/mapping';
import { checkSize, MAX_IMPORT_BYTES } from '../../src/data/import/read-bytes';
import { toUtf8 } from '../../src/data/import/text-encoding';

const column = (name: string, values: string[]) => profileColumn(name, values);

describe('automatic mapping from headers and values', () => {
  it('normalises headers whatever their case, spacing or accents', () => {
    expect(normaliseHeader('Order Date')).toBe('orderdate');
    expect(normaliseHeader('order_date')).toBe('orderdate');
    expect(normaliseHeader('Quantité')).toBe('quantite');
  });

  it('takes the order date over a ship date, and maps common synonyms', () => {
    const mapping = autoMap(SALES_FIELDS, [
      column('Ship Date', ['11/12/2016', '11/13/2016']),
      column('Order Date', ['11/8/2016', '11/9/2016']),
      column('Customer ID', ['CG-12520', 'DV-13045']),
      column('Country', ['United States']),
      column('SKU', ['FUR-BO-1', 'OFF-LA-2']),
      column('Amount', ['261.96', '731.94']),
      column('Qty', ['2', '3']),
    ]);
    expect(mapping).toMatchObject({
      ts: 'Order Date',
      customer_id: 'Customer ID',
      region: 'Country',
      product_id: 'SKU',
      revenue: 'Amount',
      quantity: 'Qty',
    });
  });

  it('matches whole words, and not a header whose other words name another field', () => {
    const mapping = autoMap(SALES_FIELDS, [
      column('Order Date', ['2024-01-01']),
      column('Quantity Ordered', ['2']),
      column('Price Each', ['10.00']),
      column('Total Discount', ['1.00']),
      column('Landing Site', ['/home']),
    ]);
    expect(mapping).toMatchObject({
      ts: 'Order Date',
      quantity: 'Quantity Ordered',
      unit_price: 'Price Each',
      discount: 'Total Discount',
    });
    expect(mapping.revenue).toBeUndefined();
    expect(mapping.region).toBeUndefined();
    expect(mapping.transaction_id).toBeUndefined();
  });

  it('prefers a line subtotal to an order total', () => {
    const mapping = autoMap(SALES_FIELDS, [
      column('Date', ['2024-01-01']),
      column('Total', ['29.16']),
      column('Subtotal', ['27.00']),
    ]);
    expect(mapping.revenue).toBe('Subtotal');
  });

  it('does not map a numeric field to a column of text', () => {
    const mapping = autoMap(SALES_FIELDS, [
      column('date', ['2024-01-01']),
      column('Total', ['n/a', 'unknown', 'none']),
    ]);
    expect(mapping.revenue).toBeUndefined();
  });

  it('finds the date by its values when no header names it', () => {
    const mapping = autoMap(SALES_FIELDS, [
      column('when', ['2024-01-01 10:00:00', '2024-01-02 11:00:00']),
      column('sales', ['1', '2']),
    ]);
    expect(mapping.ts).toBe('when');
  });

  it('maps a products file by its own synonyms', () => {
    const mapping = autoMap(PRODUCTS_FIELDS, [
      column('Item Code', ['A1']),
      column('On Hand', ['4']),
      column('Lead Time', ['7']),
      column('Vendor', ['Acme']),
    ]);
    expect(mapping).toMatchObject({
      product_id: 'Item Code',
      stock_on_hand: 'On Hand',
      lead_time_days: 'Lead Time',
      supplier: 'Vendor',
    });
  });
});

describe('dialect', () => {
  it('skips title lines above the table', () => {
    const text = 'Sales report\nExported 2024-05-01\n\ndate;product;amount\n2024-01-01;a;1,5\n2024-01-02;b;2,5\n';
    expect(detectDialect(text)).toEqual({ delimiter: ';', skip: 3, header: true });
  });

  it('skips a spreadsheet title row padded with delimiters', () => {
    expect(
      detectDialect('Sales report January 2024,,,\ndate,product,qty,amount\n2024-01-01,a,1,2.5\n2024-01-02,b,2,5\n'),
    ).toEqual({ delimiter: ',', skip: 1, header: true });
  });

  it('takes data rows that end with a delimiter as having the header columns', () => {
    expect(detectDialect('date,product,amount\n2024-01-01,a,1.5,\n2024-01-02,b,2.5,\n')).toEqual({
      delimiter: ',',
      skip: 0,
      header: true,
    });
  });

  it('notices a file without a header row', () => {
    expect(detectDialect('2024-01-01,a,1.5\n2024-01-02,b,2.5\n').header).toBe(false);
  });

  it('is not swayed by ragged rows', () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n13,14,15\n';
    expect(detectDialect(text).delimiter).toBe(',');
  });
});

describe('encodings', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  it('reads UTF-16 without a byte-order mark', () => {
    const text = 'date,amount\n2024-01-01,5\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i);
    const out = toUtf8(le, 'x.csv');
    expect(out.encoding).toBe('utf-16le');
    expect(new TextDecoder().decode(out.bytes)).toBe(text);
  });

  it('keeps a UTF-8 file with one broken byte as UTF-8, not as Windows-1252', () => {
    const good = utf8('name\nCafé crème\nMüsli\nNaïve\nSmörgås\n');
    const broken = new Uint8Array([...good, 0xe9, 0x0a]);
    const out = toUtf8(broken, 'x.csv');
    expect(out.encoding).toBe('utf-8-repaired');
    expect(new TextDecoder().decode(out.bytes)).toContain('Café crème');
  });

  it('reads a file that is wholly Windows-1252 as such', () => {
    const out = toUtf8(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a, 0x80, 0x0a]), 'x.csv');
    expect(out.encoding).toBe('windows-1252');
    expect(new TextDecoder().decode(out.bytes)).toBe('Café\n€\n');
  });
});

describe('size', () => {
  it('refuses a file larger than a tab can import, before reading it, naming the file and its size', () => {
    expect(() => checkSize(MAX_IMPORT_BYTES + 1, 'year.csv')).toThrow(
      /year\.csv is 1\.0 GB; Tillsight can import files up to 1\.0 GB/,
    );
    expect(() => checkSize(MAX_IMPORT_BYTES, 'year.csv')).not.toThrow();
  });
});

describe('time of day', () => {
  it('maps a "Time" column of times, but leaves one of full date-times to be the date', () => {
    expect(
      autoMap(SALES_FIELDS, [
        column('Date', ['2024-01-02']),
        column('Time', ['13:05:09', '9:15 am']),
        column('Sales', ['1']),
      ]),
    ).toMatchObject({ ts: 'Date', time: 'Time' });
    const mapping = autoMap(SALES_FIELDS, [
      column('Time', ['2024-01-02 10:00:00', '2024-01-03 11:00:00']),
      column('Sales', ['1']),
    ]);
    expect(mapping.ts).toBe('Time');
    expect(mapping.time).toBeUndefined();
  });
});
