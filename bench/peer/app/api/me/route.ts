import { getAuth } from "../../../auth";

export const dynamic = "force-dynamic";

/** What the bench measures: the plugin's verification of the key in X-API-Key. */
export async function GET(request: Request): Promise<Response> {
  const auth = await getAuth();
  const result = await auth.api.verifyApiKey({ body: { key: request.headers.get("x-api-key") ?? "" } });
  return result.valid && result.key
    ? Response.json({ user: result.key.referenceId ?? null, key: result.key.id })
    : Response.json({ error: result.error?.message ?? "invalid key" }, { status: 401 });
}
