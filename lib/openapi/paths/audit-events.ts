import type { ZodOpenApiPathsObject } from "zod-openapi";
import { auditEventPageSchema, auditFiltersSchema } from "@/lib/validators/audit";
import { apiOperation, problemRef } from "../components";

/** `app/api/v1/audit-events/route.ts` */
export const auditEventsPaths: ZodOpenApiPathsObject = {
  "/api/v1/audit-events": {
    get: apiOperation({
      policy: "audit:read",
      operationId: "listAuditEvents",
      tags: ["Audit events"],
      summary: "Read the audit log",
      description:
        "Every change made in the console or through the API, newest first, with the console's filters (`actor` is a person's id; `action` a full action such as `api_key.archived` or a resource such as `api_key`). Follow `nextCursor` until it is null.",
      requestParams: { query: auditFiltersSchema },
      responses: {
        200: { description: "One page of events.", content: { "application/json": { schema: auditEventPageSchema } } },
        422: problemRef("ValidationFailed"),
      },
    }),
  },
};
