import { describe, expect, it } from "vitest";
import { createApiKeySchema, createAccessCodeSchema, linkApiKeySchema, updateApiKeySchema } from "./api-keys";
import { auditFiltersSchema } from "./audit";
import { dateTime, text, unstorableTextProblem } from "./text";
import { createWebhookSchema } from "./webhooks";

describe("text()", () => {
  it.each([
    ["a NUL", "a\u0000b"],
    ["a lone high surrogate", "emoji \ud83d"],
    ["a lone low surrogate", "\ude00 after"],
    ["an escape", "bell\u0007"],
    ["DEL", "a\u007fb"],
    ["a tab on one line", "a\tb"],
    ["a line break on one line", "a\nb"],
  ])("refuses %s", (_, value) => {
    expect(text().safeParse(value).success).toBe(false);
  });

  it("accepts what people type, emoji included", () => {
    expect(text().parse("  Zahlungen – Büro 😀 ")).toBe("Zahlungen – Büro 😀");
  });

  it("allows tabs and line breaks in multi-line text only, never NUL", () => {
    expect(text({ multiline: true }).parse("line 1\r\n\tline 2")).toBe("line 1\r\n\tline 2");
    expect(unstorableTextProblem("a\u0000", { multiline: true })).toMatch(/NUL/);
    expect(unstorableTextProblem("a\u000b", { multiline: true })).toMatch(/control/);
  });
});

describe("every typed text field of the validators", () => {
  const bad = ["\u0000", "\ud83d", "\u001b[31m"];
  it.each(bad)("refuses %j in each", (value) => {
    expect(createApiKeySchema.safeParse({ name: `n${value}` }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "n", description: `d${value}` }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "n", tags: [`t${value}`] }).success).toBe(false);
    expect(updateApiKeySchema.safeParse({ description: `d${value}` }).success).toBe(false);
    expect(linkApiKeySchema.safeParse({ sourceKeyId: `kwk_${value}`, policies: ["users:read"] }).success).toBe(false);
    expect(linkApiKeySchema.safeParse({ sourceKeyId: "kwk_x", name: `n${value}`, policies: ["users:read"] }).success).toBe(false);
    expect(createAccessCodeSchema.safeParse({ description: `d${value}` }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: `https://example.com/${value}`, entity: "User", operationType: "Update" }).success).toBe(false);
    expect(auditFiltersSchema.safeParse({ actor: `a${value}` }).success).toBe(false);
    expect(auditFiltersSchema.safeParse({ action: `a${value}` }).success).toBe(false);
    expect(auditFiltersSchema.safeParse({ targetType: `t${value}` }).success).toBe(false);
  });
});

describe("dateTime()", () => {
  it.each(["+275760-09-13T00:00:00Z", "10000-01-01", "-000001-01-01T00:00:00Z", "not a date"])("refuses %s", (value) => {
    expect(dateTime().safeParse(value).success).toBe(false);
  });

  it.each(["0001-01-01T00:00:00Z", "2026-12-01", "9999-12-31T23:59:59.999Z"])("accepts %s", (value) => {
    expect(dateTime().parse(value).toISOString()).toMatch(/^\d{4}-/);
  });

  it("bounds the audit filters, and leaves them out when empty", () => {
    expect(auditFiltersSchema.safeParse({ to: "10000-01-01" }).success).toBe(false);
    expect(auditFiltersSchema.parse({ from: "", to: undefined })).toMatchObject({ from: undefined, to: undefined });
    expect(auditFiltersSchema.parse({ from: "2026-01-01" }).from).toEqual(new Date("2026-01-01"));
  });
});
