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
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_FORM_BYTES) {
    return { ok: false, description: "The request body is too large for an OAuth request." };
  }
  const form = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) return { ok: false, description: `The parameter ${key} is sent more than once.` };
    seen.add(key);
  }
  return { ok: true, form };
}
