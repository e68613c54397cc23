import type { ZodOpenApiPathsObject } from "zod-openapi";
import { z } from "zod";
import { leakReportSchema, MAX_REPORT_BYTES, MAX_REPORTED_TOKENS, reportedTokenVerdictSchema } from "@/lib/secret-scanning/report";
import { NO_CREDENTIAL, problemRef } from "../components";

/** `app/api/secret-scanning/report/route.ts` */
export const secretScanningPaths: ZodOpenApiPathsObject = {
  "/api/secret-scanning/report": {
    post: {
      operationId: "reportLeakedSecrets",
      tags: ["Secret scanning"],
      summary: "Report secrets found in public (for secret-scanning partners)",
      description: `A secret-scanning partner posts the tokens it found: a JSON array of \`{ token, type, url, source }\`, at most ${MAX_REPORTED_TOKENS} tokens and ${MAX_REPORT_BYTES / 1024} KiB. The body must be signed: header \`Github-Public-Key-Signature\` holds the base64 DER ECDSA (SHA-256) signature of the exact body bytes by one of the public keys the operator lists in \`KEYWARD_SECRET_SCANNING_PUBLIC_KEYS\`. Each token that is a live Keyward secret (checked by its prefix and checksum, then by its hash; a \`whsec_\` webhook signing secret, which has no checksum, by its form and hash) is revoked at once: an access code disabled, a personal key cleared, a client secret stopped (the previous one of a roll) or the credentials deleted (the current one), an OAuth access token revoked, a webhook signing secret replaced by a new one that nobody sees (its owner rolls it to get one). The revocation is audited as reported leaked at the token's URL and sends its usual webhook event. The answer names each token by its hash with \`true_positive\` or \`false_positive\` and never says whose it was. Limited to 60 reports per minute per IP.`,
      security: NO_CREDENTIAL,
      requestBody: { required: true, content: { "application/json": { schema: leakReportSchema } } },
      responses: {
        200: {
          description: "Each token's verdict, in the order reported.",
          content: { "application/json": { schema: z.array(reportedTokenVerdictSchema) } },
        },
        400: problemRef("InvalidRequest"),
        401: problemRef("Unauthorized"),
        413: problemRef("PayloadTooLarge"),
        422: problemRef("ValidationFailed"),
        429: problemRef("RateLimited"),
      },
    },
  },
};
