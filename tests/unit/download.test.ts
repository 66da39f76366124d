import { describe, expect, it } from 'vitest';
import { fileName } from '../../src/components/download';

describe('fileName', () => {
  it.each([
    ['Revenue by category', 'png', 'Revenue by category.png'],
    ['Category × region: 2024/25?', 'csv', 'Category × region- 2024-25-.csv'],
    ['..\u0000hidden', 'csv', '-hidden.csv'],
    ['  ', 'png', 'tillsight.png'],
  ])('%j → %j', (title, ext, expected) => {
    expect(fileName(title, ext)).toBe(expected);
  });
});
