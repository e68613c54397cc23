import { readBody } from "@/lib/api/request-body";

/** Token and revocation requests are small forms; anything larger is not one. */
const MAX_FORM_BYTES = 8 * 1024;

export type OAuthForm = { ok: true; form: URLSearchParams } | { ok: false; description: string };

/**
 * Reads an OAuth endpoint's `application/x-www-form-urlencoded` body (RFC 6749 §3.2). Parameters sent more than
 * once are refused (§3.2: "MUST NOT be included more than once") rather than guessed at.
 */
export async function readOAuthForm(request: Request): Promise<OAuthForm> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return { ok: false, description: "Send the parameters as application/x-www-form-urlencoded form fields." };
  }
  // The API's body reader: it stops reading at the limit (a chunked upload announces no length), and refuses bodies
  // that are compressed or not UTF-8; its refusal's detail becomes the OAuth error's description.
  const read = await readBody(request, MAX_FORM_BYTES);
  if (!read.ok) {
    const description = read.response.status === 413 ? "The request body is too large for an OAuth request." : ((await read.response.json()) as { detail: string }).detail;
    return { ok: false, description };
  }
  const form = new URLSearchParams(read.body.text);
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) return { ok: false, description: `The parameter ${key} is sent more than once.` };
    seen.add(key);
  }
  return { ok: true, form };
}
