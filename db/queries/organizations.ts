import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organizations, type Organization } from "@/db/schema";

/** The organisation with its Administration → Settings switches; throws if it vanished mid-request. */
export async function getOrganizationOrThrow(db: Executor, organizationId: string): Promise<Organization> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new Error(`Organisation ${organizationId} not found`);
  return org;
}
