import { getAuth } from "../../../auth";

export const dynamic = "force-dynamic";

/** Health: answers once the database and its tables are ready. */
export async function GET(): Promise<Response> {
  await getAuth();
  return Response.json({ ok: true });
}

/** Creates a person and an API key for them; the bench calls it once and measures GET /api/me with the key. */
export async function POST(): Promise<Response> {
  const auth = await getAuth();
  const { user } = await auth.api.signUpEmail({
    body: { email: `bench-${Date.now()}@example.test`, password: "bench-password-123", name: "Bench" },
  });
  const created = await auth.api.createApiKey({ body: { userId: user.id, name: "bench" } });
  return Response.json({ key: created.key });
}
