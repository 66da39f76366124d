import type { ColumnProfile } from './column-profile';
import type { FieldSpec } from './fields';

/** Which source column fills each field (absent = not mapped). */
export type Mapping<F extends string = string> = Partial<Record<F, string>>;

/** Lower-case ASCII letters and digits only: "Order Date", "order_date" and "ORDERDATE" match. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A header's words, normalised: "Lineitem discount" → [lineitem, discount], "unitPrice" → [unit, price]. */
export function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map(normaliseHeader)
    .filter((w) => w !== '');
}

/**
 * Whether a column's values can fill a field of this kind (judged on the sample). A header that
 * names the field exactly needs only most values to fit: the rest are reported as rejects.
 */
export function fits(spec: FieldSpec, column: ColumnProfile, share = 0.8): boolean {
  if (column.nonEmpty === 0) return spec.kind === 'text' || spec.kind === 'id';
  if (spec.kind === 'date') return column.dateShare >= share;
  if (spec.kind === 'time') return column.timeShare >= share;
  if (spec.kind === 'number') return column.numberShare >= share;
  return true;
}

/**
 * Proposes a mapping from header names and the data: exact synonyms first (in each field's
 * order of preference), then headers that contain a synonym, and for the date a column whose
 * values are dates whatever it is called. A column fills at most one field.
 */
export function autoMap<F extends string>(
  specs: readonly FieldSpec<F>[],
  columns: readonly ColumnProfile[],
): Mapping<F> {
  const mapping: Mapping<F> = {};
  const taken = new Set<string>();
  const normalised = columns.map((c) => ({ column: c, key: normaliseHeader(c.name) }));
  // Exact header names first, in each field's order of preference.
  const claim = (spec: FieldSpec<F>, column: ColumnProfile) => {
    mapping[spec.field] = column.name;
    taken.add(column.name);
  };

  for (const spec of specs) {
    let best: { column: ColumnProfile; rank: number } | undefined;
    for (const { column, key } of normalised) {
      if (taken.has(column.name) || !fits(spec, column, 0.5)) continue;
      const rank = spec.synonyms.indexOf(key);
      if (rank >= 0 && (!best || rank < best.rank)) best = { column, rank };
    }
    if (best) claim(spec, best.column);
  }
  // Then headers that hold a synonym as a whole word ("Quantity Ordered"), unless a later word
  // names a different field: the last word of a header says what it is ("Total Discount" is a
  // discount, "Order Date" a date).
  const otherWords = (spec: FieldSpec<F>) => new Set(specs.filter((s) => s !== spec).flatMap((s) => s.synonyms));
  for (const spec of specs) {
    if (mapping[spec.field] || spec.field === 'status' || spec.field === 'profit') continue;
    const others = otherWords(spec);
    const hit = columns.find((column) => {
      if (taken.has(column.name) || !fits(spec, column)) return false;
      const words = headerWords(column.name);
      const last = words.findLastIndex((w) => spec.synonyms.includes(w));
      return last >= 0 && !words.slice(last + 1).some((w) => others.has(w));
    });
    if (hit) claim(spec, hit);
  }
  const dateSpec = specs.find((s) => s.kind === 'date');
  if (dateSpec && !mapping[dateSpec.field]) {
    const dated = columns
      .filter((c) => !taken.has(c.name) && c.dateShare >= 0.95)
      .sort((a, b) => b.dateShare - a.dateShare)[0];
    if (dated) claim(dateSpec, dated);
  }
  return mapping;
}
