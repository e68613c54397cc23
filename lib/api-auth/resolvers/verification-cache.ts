/**
 * A very short-lived, per-process cache of access-code lookups (code, key and organisation rows), so a busy
 * integration does not cost a join per request. It is safe only on two conditions, both kept here:
 * - lifetime ≤ 1 s: another app instance sees a revocation within a second;
 * - every revocation in this process (disable, delete, archive, settings…) clears it at once, after its commit,
 *   so the very next request here is refused.
 * Unknown secrets are never cached, nor are the roles of an impersonated person (read fresh on every request).
 */
export const VERIFICATION_CACHE_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  at: number;
  value: unknown;
}
const holder = globalThis as unknown as { __keywardVerificationCache?: Map<string, Entry> };
const cache: Map<string, Entry> = (holder.__keywardVerificationCache ??= new Map());

export async function cachedLookup<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < VERIFICATION_CACHE_MS) return hit.value as T;
  const value = await load();
  if (value === undefined) {
    cache.delete(key);
    return undefined;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

/** Forgets every cached lookup: called after each change that could revoke or narrow a credential. */
export function invalidateVerificationCache(): void {
  cache.clear();
}
