import { getDb } from "@/db/client";
import { apiError } from "@/lib/api/route";
import { handleTokenRequest } from "@/lib/oauth/endpoints";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    return await handleTokenRequest(await getDb(), request);
  } catch (error) {
    return apiError(error);
  }
}
