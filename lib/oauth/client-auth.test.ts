import { describe, expect, it } from "vitest";
import { parseClientAuthentication } from "./client-auth";

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("OAuth client authentication", () => {
  it("reads client_secret_basic, form-decoding both parts as RFC 6749 §2.3.1 asks", () => {
    expect(parseClientAuthentication(basic("kwc_abc", "kwcs_x:y z"), form({}))).toEqual({
      ok: true,
      method: "client_secret_basic",
      clientId: "kwc_abc",
      clientSecret: "kwcs_x:y z",
    });
    const plus = `Basic ${Buffer.from("kwc_abc:a+b").toString("base64")}`;
    expect(parseClientAuthentication(plus, form({}))).toMatchObject({ ok: true, clientSecret: "a b" });
  });

  it("accepts the scheme in any case", () => {
    const header = basic("kwc_abc", "kwcs_s").replace("Basic", "bAsIc");
    expect(parseClientAuthentication(header, form({}))).toMatchObject({ ok: true, method: "client_secret_basic" });
  });

  it("reads client_secret_post", () => {
    expect(parseClientAuthentication(null, form({ client_id: "kwc_abc", client_secret: "kwcs_s" }))).toEqual({
      ok: true,
      method: "client_secret_post",
      clientId: "kwc_abc",
      clientSecret: "kwcs_s",
    });
  });

  it("allows a client_id form field that repeats the Basic client id", () => {
    expect(parseClientAuthentication(basic("kwc_abc", "kwcs_s"), form({ client_id: "kwc_abc" }))).toMatchObject({
      ok: true,
      method: "client_secret_basic",
    });
  });

  it.each([
    ["Basic and a form secret at once", basic("kwc_abc", "kwcs_s"), { client_secret: "kwcs_s" }, "invalid_request", "kwc_abc"],
    ["a form client_id that contradicts Basic", basic("kwc_abc", "kwcs_s"), { client_id: "kwc_other" }, "invalid_request", "kwc_abc"],
    ["a secret without client_id", null, { client_secret: "kwcs_s" }, "invalid_request", null],
    ["no authentication at all", null, {}, "invalid_client", null],
    ["a client_id without a secret", null, { client_id: "kwc_abc" }, "invalid_client", "kwc_abc"],
    ["Basic that is not base64", "Basic ***", {}, "invalid_client", null],
    ["Basic without a colon", `Basic ${Buffer.from("kwc_abc").toString("base64")}`, {}, "invalid_client", null],
    ["Basic with an empty secret", basic("kwc_abc", ""), {}, "invalid_client", "kwc_abc"],
    ["Basic with broken percent-encoding", `Basic ${Buffer.from("kwc_abc:%zz").toString("base64")}`, {}, "invalid_client", null],
  ] as const)("refuses %s", (_title, header, fields, error, clientId) => {
    const result = parseClientAuthentication(header, form(fields));
    expect(result).toMatchObject({ ok: false, error, clientId });
  });

  it("ignores a bearer Authorization header and reads the form", () => {
    const result = parseClientAuthentication("Bearer kwat_x", form({ client_id: "kwc_abc", client_secret: "kwcs_s" }));
    expect(result).toMatchObject({ ok: true, method: "client_secret_post" });
  });
});
