import type { APIRequestContext, Page, Request } from "@playwright/test";

/** Waits for the next server-action POST the page sends, to replay it from another session. */
export const nextActionRequest = (page: Page) =>
  page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);

/** Sends a captured server-action POST again from another session, its body optionally rewritten. */
export async function replayAction(context: APIRequestContext, original: Request, body = original.postData() ?? "") {
  const headers = original.headers();
  const forwarded: Record<string, string> = { accept: "text/x-component" };
  for (const name of ["next-action", "content-type", "next-router-state-tree", "origin"]) {
    if (headers[name]) forwarded[name] = headers[name];
  }
  return context.post(original.url(), { headers: forwarded, data: body });
}
