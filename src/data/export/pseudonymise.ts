import type { Clause } from '../queries/where';

/** Hex characters kept of the SHA-256: 64 bits, so ~1,400 customers (or a million) never collide in practice. */
export const PSEUDONYM_LENGTH = 16;

/** A customer id's pseudonym: the first 16 hex characters of SHA-256(salt + id). */
export async function pseudonym(id: string, salt: string): Promise<string> {
  // Browsers hide crypto.subtle on plain-http pages: fail loudly rather than export real ids.
  if (!globalThis.crypto?.subtle) throw new Error('Pseudonymising needs the app on an https (or localhost) address.');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + id));
  const bytes = new Uint8Array(digest).subarray(0, PSEUDONYM_LENGTH / 2);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Pseudonyms of many ids, each distinct id hashed once. */
export async function pseudonyms(ids: Iterable<string>, salt: string): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const hashed = await Promise.all(unique.map((id) => pseudonym(id, salt)));
  return new Map(unique.map((id, i) => [id, hashed[i] ?? '']));
}

/**
 * The same pseudonym computed by DuckDB, so a SQL export and a table export name a
 * customer alike. `column` is a trusted column expression of our own; the salt is a
 * parameter. A line without a customer (NULL) stays without one.
 *
 * @example
 * const p = pseudonymSql('s.customer_id', salt);
 * db.query(`SELECT ${p.sql} AS customer_id FROM sales s`, p.params);
 */
export function pseudonymSql(column: string, salt: string): Clause {
  return { sql: `substr(sha256(? || ${column}), 1, ${PSEUDONYM_LENGTH})`, params: [salt] };
}
