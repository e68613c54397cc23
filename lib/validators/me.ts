import { z } from "zod";
import { API_POLICY_NAMES, type ApiPolicy } from "@/lib/api-auth/policies";

/** The answer of `GET /api/v1/me`: the route builds it through `MeResponse`. */
export const meResponseSchema = z
  .object({
    organization: z
      .object({
        id: z.string().meta({ example: "0b9e4c8a-5d1f-4e57-9a38-2f6d1c7e9b10" }),
        slug: z.string().meta({ description: "Sent in `X-Keyward-Account` to act in a linking organisation.", example: "acme" }),
        name: z.string().meta({ example: "Acme Construction" }),
      })
      .meta({ description: "The organisation the request acts in." }),
    credential: z
      .object({
        kind: z.enum(["access_code", "personal_key", "oauth_token"]).meta({
          description: "`access_code` (an organisation API key's code), `personal_key` or `oauth_token` (company credentials).",
        }),
        id: z.string().meta({ description: "The credential's public id (never the secret).", example: "6f1d2e3c-4b5a-4978-8c6d-5e4f3a2b1c0d" }),
      })
      .meta({ description: "The credential that authenticated this request." }),
    user: z
      .object({ id: z.string().meta({ example: "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4" }), email: z.email() })
      .nullable()
      .meta({
        description: "The person the credential acts as: a personal key's owner, or the person an API key impersonates.",
        example: { id: "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4", email: "lea@acme.test" },
      }),
    permissions: z.array(z.enum(API_POLICY_NAMES as [ApiPolicy, ...ApiPolicy[]])).meta({
      description: "The API policies this credential holds right now; `native` grants every other policy.",
      example: ["users:read", "keys:read"],
    }),
  })
  .meta({
    id: "Me",
    description: "Who the credential is.",
    example: {
      organization: { id: "0b9e4c8a-5d1f-4e57-9a38-2f6d1c7e9b10", slug: "acme", name: "Acme Construction" },
      credential: { kind: "access_code", id: "6f1d2e3c-4b5a-4978-8c6d-5e4f3a2b1c0d" },
      user: null,
      permissions: ["users:read", "keys:read"],
    },
  });
export type MeResponse = z.infer<typeof meResponseSchema>;
