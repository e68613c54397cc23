import type { Db } from "@/db/client";
import type { Transport } from "../credential-transport";
import type { Principal } from "../principal";

export interface ResolverContext {
  db: Db;
  request: Request;
  transport: Transport;
}

/**
 * A refused request whose credential names a key (a disabled or expired code, an archived key): the access log
 * records it under that key's organisation.
 */
export interface FailedAttempt {
  organizationId: string;
  apiKeyId: string | null;
  accessCodePrefix: string | null;
  credentialKind: string;
  credentialId: string | null;
}

/** `detail` explains a refusal to the caller without saying whether the secret exists elsewhere. */
export type ResolveResult =
  | { ok: true; principal: Principal; allowQueryStringKeys: boolean }
  | { ok: false; detail: string; status?: 400 | 401; attempt?: FailedAttempt };

/** Turns one kind of secret into a principal, reading everything from the database on every request. */
export type CredentialResolver = (secret: string, context: ResolverContext) => Promise<ResolveResult>;
