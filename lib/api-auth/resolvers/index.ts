import type { SecretKind } from "@/lib/secrets";
import { resolveAccessToken } from "./access-token";
import { resolveAccessCode } from "./access-code";
import { resolvePersonalKey } from "./personal-key";
import type { CredentialResolver } from "./types";

/**
 * One resolver per kind of secret, chosen by the secret's prefix (checked by its checksum first). `custom` takes
 * values with no Keyward prefix: custom access-code values chosen by an Administrator.
 */
export const RESOLVERS: Partial<Record<SecretKind | "custom", CredentialResolver>> = {
  access_token: resolveAccessToken,
  access_code: resolveAccessCode,
  custom: resolveAccessCode,
  personal_key: resolvePersonalKey,
};
