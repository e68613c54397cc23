import { describe, expect, it } from "vitest";
import { postgresInstances } from "@/lib/testing/postgres-instances";
import { createKeyRateLimiter, leaseSize } from "./key-rate-limit";

const instances = postgresInstances("The rate limit's instance tests");

describe("a key's rate limit on two instances", () => {
  it.each([
    { requests: 7, sent: 40 },
    { requests: 1000, sent: 1600 },
  ])("admits at most $requests of $sent concurrent requests per window, refusing early by at most the unused leases", async ({ requests, sent }) => {
    const at = new Date("2026-12-02T12:00:10.000Z");
    const limiters = [
      { db: instances.first, limiter: createKeyRateLimiter({ now: () => at }) },
      { db: instances.second, limiter: createKeyRateLimiter({ now: () => at }) },
    ];
    const key = { subject: `api-key:pg-${requests}`, limit: { requests, per: "minute" as const } };
    const answers = await Promise.all(
      Array.from({ length: sent }, (_, i) => {
        const { db, limiter } = limiters[i % limiters.length]!;
        return limiter.consume(db, key);
      }),
    );
    const admitted = answers.filter((a) => a.allowed).length;
    expect(admitted).toBeLessThanOrEqual(requests);
    expect(admitted).toBeGreaterThanOrEqual(requests - limiters.length * (leaseSize(requests) - 1));
    expect(answers.filter((a) => !a.allowed).every((a) => a.resetSeconds === 50)).toBe(true);
  });
});
