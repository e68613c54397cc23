import { describe, expect, it } from "vitest";
import { credentialLabel, parseCredentialFilter } from "./credential-label";

const none = { keyName: null, apiKeyId: null, credentialKind: null, personalKeyOwner: null };

describe("the access log's Key column", () => {
  it.each([
    [{ ...none, keyName: "Billing", apiKeyId: "k", credentialKind: "access_code" }, "Billing"],
    [{ ...none, apiKeyId: "k", credentialKind: "access_code" }, "Deleted key"],
    [{ ...none, credentialKind: "personal_key", personalKeyOwner: "Max Member" }, "Max Member's personal key"],
    [{ ...none, credentialKind: "personal_key" }, "Personal key of a deleted person"],
    [{ ...none, credentialKind: "oauth_token" }, "Company credentials (OAuth token)"],
    [none, "—"],
  ])("says %j in words", (entry, label) => {
    expect(credentialLabel(entry)).toBe(label);
  });

  it("reads the key filter from the URL", () => {
    expect(parseCredentialFilter(undefined)).toBeUndefined();
    expect(parseCredentialFilter("kwk_abc")).toEqual({ kind: "api_key", publicId: "kwk_abc" });
    expect(parseCredentialFilter("oauth_token")).toEqual({ kind: "oauth_token" });
    expect(parseCredentialFilter("personal_key")).toEqual({ kind: "personal_key" });
    const id = "0b7f3c9e-1d2a-4c5b-8e6f-7a8b9c0d1e2f";
    expect(parseCredentialFilter(`personal_key:${id}`)).toEqual({ kind: "personal_key", userId: id });
    expect(parseCredentialFilter("personal_key:nope")).toBeUndefined();
  });
});
