import type { Db } from "@/db/client";
import type { RateLimitSubject } from "../key-rate-limit";
import type { Transport } from "../credential-transport";
import type { Principal } from "../principal";
import type { Refusal } from "../refusals";

/** What a resolver may know of the request besides the secret. */
export interface ResolverContext {
  db: Db;
  transport: Transport;
  /** `X-Keyward-Account`, lowercased: the organisation a linked key's access code acts in; null to act in its own. */
  account: string | null;
  /** The clock the checks use; tests move it instead of waiting. */
  now?: Date;
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

/** A refusal never says whether the secret exists as another kind or in another organisation. */
export type ResolveResult =
  | {
      ok: true;
      principal: Principal;
      allowQueryStringKeys: boolean;
      /**
       * The IP allowlists the request's client address must satisfy, each one (an access code used through a link
       * obeys its own key's list and the link's). Empty lists allow any address.
       */
      allowedIps?: readonly (readonly string[])[];
      /**
       * The rate limits the request spends from (a linked key's code: its own key's and the link's). Resolved with
       * the credential, so a key without a limit costs nothing more.
       */
      rateLimits?: readonly RateLimitSubject[];
    }
  | { ok: false; refusal: Refusal; /** A sentence more precise than the refusal's own. */ detail?: string; attempt?: FailedAttempt };

/** Turns one kind of secret into a principal, as the database says now (through the ≤ 1 s verification cache). */
export type CredentialResolver = (secret: string, context: ResolverContext) => Promise<ResolveResult>;
