import "server-only";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { companyCredentials, users } from "@/db/schema";

export interface CompanyCredentialsOverview {
  /** The organisation's active pair, if any (never its secret). */
  active: {
    id: string;
    clientId: string;
    generatedBy: string | null;
    generatedAt: Date;
    /** The last roll of the secret, shown as "Rolled by <name> on <date>". */
    rolled: { by: string | null; at: Date } | null;
    /** When the previous secret stops working, while it still works. */
    previousSecretExpiresAt: Date | null;
  } | null;
  /** The most recent deletion, shown as "Deleted by" / "Deleted on". */
  lastDeletion: { deletedBy: string | null; deletedAt: Date } | null;
}

const creator = alias(users, "creator");
const deleter = alias(users, "deleter");
const roller = alias(users, "roller");

/** What the Account Settings "Other" section shows for the organisation. */
export async function getCompanyCredentialsOverview(
  db: Executor,
  organizationId: string,
  now = new Date(),
): Promise<CompanyCredentialsOverview> {
  const [row] = await db
    .select({
      id: companyCredentials.id,
      clientId: companyCredentials.clientId,
      generatedBy: creator.name,
      generatedAt: companyCredentials.createdAt,
      rolledBy: roller.name,
      rolledAt: companyCredentials.rolledAt,
      previousSecretExpiresAt: companyCredentials.previousSecretExpiresAt,
    })
    .from(companyCredentials)
    .leftJoin(creator, eq(creator.id, companyCredentials.createdById))
    .leftJoin(roller, eq(roller.id, companyCredentials.rolledById))
    .where(and(eq(companyCredentials.organizationId, organizationId), isNull(companyCredentials.deletedAt)));
  const [lastDeletion] = await db
    .select({ deletedBy: deleter.name, deletedAt: companyCredentials.deletedAt })
    .from(companyCredentials)
    .leftJoin(deleter, eq(deleter.id, companyCredentials.deletedById))
    .where(and(eq(companyCredentials.organizationId, organizationId), isNotNull(companyCredentials.deletedAt)))
    .orderBy(desc(companyCredentials.deletedAt))
    .limit(1);
  return {
    active: row ? activeOf(row, now) : null,
    lastDeletion: lastDeletion?.deletedAt ? { deletedBy: lastDeletion.deletedBy, deletedAt: lastDeletion.deletedAt } : null,
  };
}

/** The live credentials holding `clientId`, with their organisation, for client authentication. */
export async function getActiveCredentialsByClientId(db: Executor, clientId: string) {
  const [row] = await db
    .select({
      id: companyCredentials.id,
      organizationId: companyCredentials.organizationId,
      clientId: companyCredentials.clientId,
      secretHash: companyCredentials.secretHash,
      secretVersion: companyCredentials.secretVersion,
      previousSecretHash: companyCredentials.previousSecretHash,
      previousSecretExpiresAt: companyCredentials.previousSecretExpiresAt,
    })
    .from(companyCredentials)
    .where(and(eq(companyCredentials.clientId, clientId), isNull(companyCredentials.deletedAt)));
  return row ?? null;
}

function activeOf(
  { rolledBy, rolledAt, previousSecretExpiresAt, ...row }: {
    id: string;
    clientId: string;
    generatedBy: string | null;
    generatedAt: Date;
    rolledBy: string | null;
    rolledAt: Date | null;
    previousSecretExpiresAt: Date | null;
  },
  now: Date,
): NonNullable<CompanyCredentialsOverview["active"]> {
  return {
    ...row,
    rolled: rolledAt ? { by: rolledBy, at: rolledAt } : null,
    // A grace that has ended is not shown, whether or not anyone stopped it.
    previousSecretExpiresAt: previousSecretExpiresAt && previousSecretExpiresAt > now ? previousSecretExpiresAt : null,
  };
}
