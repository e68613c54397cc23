import { describe, expect, it } from "vitest";
import { allowedMethods, otherMethods } from "./methods";

const handler = () => new Response("handled");

describe("the methods a route does not handle", () => {
  it("are refused with 405 problem+json that names the method, the path and what the route allows", async () => {
    const { DELETE, PUT } = otherMethods({ GET: handler, POST: handler });
    const refused = await DELETE(new Request("https://keyward.example/api/v1/me?x=1", { method: "DELETE" }));

    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({
      type: "https://keyward.dev/problems/method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: "DELETE is not supported on /api/v1/me. Allowed: GET, HEAD, POST, OPTIONS.",
    });
    expect((await PUT(new Request("https://keyward.example/api/v1/me", { method: "PUT" }))).status).toBe(405);
  });

  it("answer OPTIONS with the same Allow and no body", async () => {
    const answer = otherMethods({ PATCH: handler, DELETE: handler }).OPTIONS(new Request("https://keyward.example/api/v1/webhooks/1"));

    expect(answer.status).toBe(204);
    expect(answer.headers.get("allow")).toBe("PATCH, DELETE, OPTIONS");
    expect(await answer.text()).toBe("");
  });

  it("list HEAD only beside GET, which Next.js answers it from, and OPTIONS always", () => {
    expect(allowedMethods({ GET: handler })).toBe("GET, HEAD, OPTIONS");
    expect(allowedMethods({ POST: handler })).toBe("POST, OPTIONS");
    expect(allowedMethods({ GET: handler, PUT: handler, PATCH: handler, DELETE: handler })).toBe("GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
  });
});
