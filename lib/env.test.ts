import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("configuration", () => {
  it("runs the embedded demo with no variables at all", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KEYWARD_WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", AUTH_SECRET: "short" })).toThrow(/DATABASE_URL[\s\S]*AUTH_SECRET|AUTH_SECRET[\s\S]*DATABASE_URL/);
  });

  it("requires AUTH_SECRET for a PostgreSQL server in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/keyward" })).toThrow(/AUTH_SECRET/);
    expect(
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/keyward", AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET,
    ).toHaveLength(32);
  });

  it("wants the three single sign-on variables together", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://id.example.com" })).toThrow(/AUTH_OIDC/);
  });

  it("reads KEYWARD_TRUSTED_PROXIES as none, a hop count or address ranges, and names a bad entry", () => {
    expect(parseEnv({}).KEYWARD_TRUSTED_PROXIES).toEqual({ kind: "none" });
    expect(parseEnv({ KEYWARD_TRUSTED_PROXIES: "1" }).KEYWARD_TRUSTED_PROXIES).toEqual({ kind: "hops", count: 1 });
    expect(parseEnv({ KEYWARD_TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).KEYWARD_TRUSTED_PROXIES.kind).toBe("ranges");
    expect(() => parseEnv({ KEYWARD_TRUSTED_PROXIES: "10.0.0.0/8, lb.internal" })).toThrow(
      /KEYWARD_TRUSTED_PROXIES: "lb.internal" is neither/,
    );
  });

  it("bounds the session lifetime and idle timeout", () => {
    expect(parseEnv({})).toMatchObject({ KEYWARD_SESSION_LIFETIME_HOURS: 168, KEYWARD_SESSION_IDLE_MINUTES: 120 });
    expect(() => parseEnv({ KEYWARD_SESSION_LIFETIME_HOURS: "1", KEYWARD_SESSION_IDLE_MINUTES: "90" })).toThrow(
      /KEYWARD_SESSION_IDLE_MINUTES: must not be longer/,
    );
    expect(() => parseEnv({ KEYWARD_SESSION_LIFETIME_HOURS: "soon" })).toThrow(/KEYWARD_SESSION_LIFETIME_HOURS/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
});
