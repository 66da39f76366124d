import { type Filters, type Grain, isIsoDate } from '../data/filters';

/** The URL query for a filter: names the router sets, undefined removes one (all, monthly = no query). */
export function filtersToQuery(f: Filters): Record<string, string | undefined> {
  return {
    from: f.from,
    to: f.to,
    category: f.categories.length ? joinList(f.categories) : undefined,
    region: f.regions.length ? joinList(f.regions) : undefined,
    grain: f.grain === 'month' ? undefined : f.grain,
  };
}

/**
 * Drops categories and regions the data does not have, with a notice each, so a link made
 * for other data says what it ignored instead of showing an empty page.
 */
export function dropUnknown(
  parsed: ParsedFilters,
  known: { categories: readonly string[]; regions: readonly string[] },
): ParsedFilters {
  const notices = [...parsed.notices];
  const keep = (values: readonly string[], have: readonly string[], noun: string) => {
    const set = new Set(have);
    const unknown = values.filter((v) => !set.has(v));
    if (unknown.length) notices.push(`Ignored ${noun} ${unknown.map((v) => `“${v}”`).join(', ')}: not in this data.`);
    return values.filter((v) => set.has(v));
  };
  const categories = keep(parsed.filters.categories, known.categories, 'category');
  const regions = keep(parsed.filters.regions, known.regions, 'region');
  if (notices.length === parsed.notices.length) return parsed;
  return { filters: { ...parsed.filters, categories, regions }, notices };
}

/** The URL query as the router hands it over: each name to one string (or absent). */
export type QueryParams = Partial<Record<string, string | string[] | undefined>>;

/** Filters read from a URL, with a notice for each value that was ignored. */
export interface ParsedFilters {
  filters: Filters;
  notices: string[];
}

const GRAINS: readonly Grain[] = ['day', 'week', 'month'];

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Splits a comma-separated list; `\,` is a comma inside a value and `\\` a backslash. */
function list(value: string | string[] | undefined): string[] {
  const text = first(value);
  if (!text) return [];
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) current += text[++i];
    else if (ch === ',') {
      values.push(current);
      current = '';
    } else current += ch;
  }
  values.push(current);
  return [...new Set(values.filter((v) => v.trim() !== ''))];
}

/** Joins values so `list` reads them back, escaping commas and backslashes inside them. */
function joinList(values: readonly string[]): string {
  return values.map((v) => v.replace(/\\/g, '\\\\').replace(/,/g, '\\,')).join(',');
}

/**
 * Reads `from`, `to`, `category`, `region` and `grain` from the URL query. A malformed value
 * is dropped with a notice rather than breaking the page.
 */
export function parseFilters(query: QueryParams, defaultGrain: Grain = 'month'): ParsedFilters {
  const notices: string[] = [];
  const date = (name: 'from' | 'to'): string | undefined => {
    const raw = first(query[name]);
    if (raw === undefined || raw === '') return undefined;
    if (isIsoDate(raw)) return raw;
    notices.push(`Ignored “${name}=${raw}”: dates are written YYYY-MM-DD.`);
    return undefined;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) {
    notices.push(`Ignored the date range ${from} – ${to}: it ends before it starts.`);
    from = undefined;
    to = undefined;
  }
  let grain = defaultGrain;
  const rawGrain = first(query.grain);
  if (rawGrain) {
    if ((GRAINS as readonly string[]).includes(rawGrain)) grain = rawGrain as Grain;
    else notices.push(`Ignored “grain=${rawGrain}”: use day, week or month.`);
  }
  return {
    filters: { from, to, categories: list(query.category), regions: list(query.region), grain },
    notices,
  };
}

/**
 * A hash route's query (`?a=1&q=…`) without the named keys, as written (its encoding kept):
 * the filters travel between sections, a console query (`q`) does not.
 */
export function queryWithout(search: string, keys: readonly string[]): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !keys.some((k) => part === k || part.startsWith(`${k}=`)));
  return kept.length ? `?${kept.join('&')}` : '';
}
