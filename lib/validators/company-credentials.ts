import { z } from "zod";

/** The phrase the delete dialog asks for: deleting breaks every API connection of the company. */
export const DELETE_CONFIRMATION = "DELETE";

export const deleteCompanyCredentialsSchema = z.object({
  confirmation: z.string().refine((value) => value === DELETE_CONFIRMATION, {
    message: `Type ${DELETE_CONFIRMATION} in capital letters, with nothing before or after it.`,
  }),
});
export type DeleteCompanyCredentialsInput = z.input<typeof deleteCompanyCredentialsSchema>;

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
