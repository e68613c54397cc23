import { json } from "@/lib/api/problem";
import { getOpenApiDocument } from "@/lib/openapi/document";
import { otherMethods } from "@/lib/api/methods";

/**
 * The OpenAPI 3.1 document. Public on purpose: it describes the API, holds no data and no secret; every route it
 * lists still checks its own credential.
 */
export function GET() {
  return json(getOpenApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
