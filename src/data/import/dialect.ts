/** How a delimited text file is laid out: what DuckDB's CSV reader is told. */
export interface Dialect {
  delimiter: ',' | ';' | '\t' | '|';
  /** Lines before the header (report titles some exports put on top). */
  skip: number;
  header: boolean;
}

const DELIMITERS: Dialect['delimiter'][] = [',', ';', '\t', '|'];
const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_RECORDS = 200;

/**
 * Field counts of the first records for one delimiter, honouring double quotes (which may hold
 * delimiters and newlines). Only to choose the dialect: DuckDB's reader does the parsing.
 */
function fieldCounts(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  let empty = true;
  // A delimiter at the very end of a line adds no field: some exports end every data row with one.
  let trailing = false;
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (ch !== '\n' && ch !== '\r') trailing = !quoted && ch === delimiter;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      empty = false;
    } else if (ch === delimiter) {
      fields++;
      empty = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!empty) counts.push(trailing ? fields - 1 : fields);
      trailing = false;
      fields = 1;
      empty = true;
    } else {
      empty = false;
    }
  }
  return counts;
}

function mode(values: number[]): { value: number; share: number } {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best = 1;
  let bestCount = 0;
  for (const [v, c] of tally) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return { value: best, share: values.length ? bestCount / values.length : 0 };
}

const NUMBER_OR_DATE = /^\s*[-+(]?[$€£¥]?\s*\d[\d.,:/\- ]*\s*[)%€]?\s*$/;

/** A header row is text where the rows below hold numbers or dates in the same places. */
function looksLikeHeader(first: string[], rest: string[][]): boolean {
  if (first.some((f) => NUMBER_OR_DATE.test(f))) return false;
  if (first.every((f) => f.trim() !== '') && new Set(first).size === first.length) return true;
  return rest.length === 0 || first.some((f, i) => rest.some((r) => NUMBER_OR_DATE.test(r[i] ?? '')));
}

/** Splits one simple record (no quoted newlines needed) for the header check. */
function splitRecord(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The start of a file as text, cut at the last complete line. */
export function textSample(utf8: Uint8Array): string {
  const text = new TextDecoder().decode(utf8.subarray(0, SAMPLE_BYTES));
  const cut = utf8.length > SAMPLE_BYTES ? text.lastIndexOf('\n') : -1;
  return cut > 0 ? text.slice(0, cut + 1) : text;
}

/**
 * Chooses delimiter, header and leading lines to skip from the start of the file: the
 * delimiter whose field count is the same on most lines wins (ragged rows, which DuckDB's
 * own sniffer can mistake for a one-column file, do not sway a majority).
 */
export function detectDialect(sample: string): Dialect {
  let best: { delimiter: Dialect['delimiter']; fields: number; share: number } = {
    delimiter: ',',
    fields: 1,
    share: 0,
  };
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter);
    const m = mode(counts);
    if (m.value < 2) continue;
    const better = m.share > best.share + 0.05 || (Math.abs(m.share - best.share) <= 0.05 && m.value > best.fields);
    if (best.fields < 2 || better) best = { delimiter, fields: m.value, share: m.share };
  }
  const lines = sample.split(/\r\n|\n|\r/);
  // Title lines (and blank lines) above the table have fewer fields than the table itself.
  const limit = Math.min(lines.length - 1, 20);
  let skip = 0;
  // Spreadsheets pad a title row with delimiters ("Sales report,,,"): a row that is mostly
  // empty is a title too.
  const isTitle = (line: string) => {
    const fields = splitRecord(line, best.delimiter);
    if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    return fields.length < best.fields || fields.filter((f) => f.trim() !== '').length < Math.max(2, best.fields / 2);
  };
  while (skip < limit && isTitle(lines[skip] ?? '')) skip++;
  if (skip === limit) skip = 0;
  const records = lines
    .slice(skip, skip + 21)
    .filter((l) => l.trim() !== '')
    .map((l) => splitRecord(l, best.delimiter));
  const header = records.length > 0 ? looksLikeHeader(records[0] ?? [], records.slice(1)) : true;
  return { delimiter: best.delimiter, skip, header };
}
