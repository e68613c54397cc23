import { z } from "zod";

/** The answer of `GET /api/health`: what a load balancer's health check reads. */
export const healthResponseSchema = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("ok") }),
    z.object({ status: z.literal("unavailable"), detail: z.string() }),
  ])
  .meta({ id: "Health", example: { status: "ok" } });
export type HealthResponse = z.infer<typeof healthResponseSchema>;
