import { describe, expect, it } from "vitest";
import { REFUSALS, refusalResponse, type Refusal } from "./refusals";

const refusals = Object.keys(REFUSALS) as Refusal[];

describe("authentication refusals", () => {
  it.each(refusals)("%s answers problem+json with a plain-ASCII challenge", async (refusal) => {
    // A detail with characters no header may carry: the body keeps them, the header never sees them.
    const response = refusalResponse(refusal, "Détail → with … and “quotes”");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.status).toBe(REFUSALS[refusal].status);
    const body = await response.json();
    expect(body).toMatchObject({ status: REFUSALS[refusal].status, detail: "Détail → with … and “quotes”", reason: refusal });
    const challenge = response.headers.get("www-authenticate");
    if (response.status === 401) {
      expect(challenge).toMatch(/^Bearer realm="keyward"(, error="(invalid_token|invalid_request)", error_description="[\x20-\x21\x23-\x7e]+")?$/);
    } else {
      expect(challenge).toBeNull();
    }
  });

  it.each(refusals)("%s has its own sentence, which may hold any character", (refusal) => {
    expect(refusalResponse(refusal).status).toBe(REFUSALS[refusal].status);
    expect(REFUSALS[refusal].description).toMatch(/^[\x20-\x21\x23-\x7e]+$/);
  });
});
