import { getDb } from "@/db/client";
import { apiError } from "@/lib/api/route";
import { handleTokenRequest } from "@/lib/oauth/endpoints";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    return await handleTokenRequest(await getDb(), request);
  } catch (error) {
    return apiError(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
