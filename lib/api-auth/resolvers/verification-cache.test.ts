import { afterEach, describe, expect, it, vi } from "vitest";
import { cachedLookup, invalidateVerificationCache, VERIFICATION_CACHE_MS } from "./verification-cache";

afterEach(() => {
  vi.useRealTimers();
  invalidateVerificationCache();
});

describe("verification cache", () => {
  it("serves a lookup for at most one second", async () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => ({ enabled: true }));
    await cachedLookup("code:a", load);
    await cachedLookup("code:a", load);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(VERIFICATION_CACHE_MS);
    await cachedLookup("code:a", load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(VERIFICATION_CACHE_MS).toBeLessThanOrEqual(1000);
  });

  it("forgets everything when a change is made, and never caches an unknown secret", async () => {
    const load = vi.fn(async () => ({ enabled: true }));
    await cachedLookup("code:b", load);
    invalidateVerificationCache();
    await cachedLookup("code:b", load);
    expect(load).toHaveBeenCalledTimes(2);
    const missing = vi.fn(async () => undefined);
    await cachedLookup("code:c", missing);
    await cachedLookup("code:c", missing);
    expect(missing).toHaveBeenCalledTimes(2);
  });
});
