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

/**
 * Whether a column's values can fill a field of this kind (judged on the sample). A header that
 * names the field exactly needs only most values to fit: the rest are reported as rejects.
 */
export function fits(spec: FieldSpec, column: ColumnProfile, share = 0.8): boolean {
  if (column.nonEmpty === 0) return spec.kind === 'text' || spec.kind === 'id';
  if (spec.kind === 'date') return column.dateShare >= share;
  if (spec.kind === 'number') return column.numberShare >= share;
  return true;
}

/**
 * Proposes a mapping from header names and the data: exact synonyms first (in each field's
 * order of preference), then headers that contain a synonym, and for the date a column whose
 * values are dates whatever it is called. A column fills at most one field.
 */
export function autoMap<F extends string>(specs: readonly FieldSpec<F>[], columns: readonly ColumnProfile[]): Mapping<F> {
  const mapping: Mapping<F> = {};
  const taken = new Set<string>();
  const normalised = columns.map((c) => ({ column: c, key: normaliseHeader(c.name) }));
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
  for (const spec of specs) {
    if (mapping[spec.field] || spec.field === 'status' || spec.field === 'profit') continue;
    const hit = normalised.find(
      ({ column, key }) =>
        !taken.has(column.name) && fits(spec, column) && spec.synonyms.some((s) => s.length >= 4 && key.includes(s)),
    );
    if (hit) claim(spec, hit.column);
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
