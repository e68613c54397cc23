import { z } from "zod";
import { rollGraceSchema } from "./roll-grace";

/** The phrase the delete dialog asks for: deleting breaks every API connection of the company. */
export const DELETE_CONFIRMATION = "DELETE";

export const deleteCompanyCredentialsSchema = z.object({
  confirmation: z.string().refine((value) => value === DELETE_CONFIRMATION, {
    message: `Type ${DELETE_CONFIRMATION} in capital letters, with nothing before or after it.`,
  }),
});
export type DeleteCompanyCredentialsInput = z.input<typeof deleteCompanyCredentialsSchema>;

export const rollClientSecretSchema = z.object({ grace: rollGraceSchema });
export type RollClientSecretInput = z.input<typeof rollClientSecretSchema>;

/** RFC 6749 §4.4.2 token request (form fields; client authentication is parsed separately). */
export const tokenRequestSchema = z.object({
  grant_type: z.string({ error: "grant_type is required." }).min(1, "grant_type is required."),
  scope: z.string().optional(),
});

/** RFC 7009 §2.1 revocation request. */
export const revocationRequestSchema = z.object({
  token: z.string({ error: "token is required." }).min(1, "token is required."),
  token_type_hint: z.string().optional(),
});

/** RFC 6749 §5.1 successful token response. */
export const tokenResponseSchema = z
  .object({
    access_token: z.string().meta({ description: "An opaque `kwat_…` bearer token.", example: "kwat_3fQ9xT2aLm0pRr5sUv7wXy8zAb1cDe2fGh3iJk" }),
    token_type: z.literal("Bearer"),
    expires_in: z.int().meta({ description: "Seconds until the token expires.", example: 3600 }),
  })
  .meta({ id: "TokenResponse" });
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** RFC 6749 §5.2 error, with the problem-details members every `/api` error carries. */
export const oauthErrorSchema = z
  .object({
    error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type", "invalid_grant"]),
    error_description: z.string(),
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
  })
  .meta({ id: "OAuthError" });
