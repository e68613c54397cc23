// The lifetimes a personal key may have, without the validators: the API Access page shows them, and zod need not
// come with it.

/** How long a personal key lasts, chosen when it is made; "none" is No expiry. Longest first. */
export const PERSONAL_KEY_LIFETIMES = ["none", "365", "90", "30"] as const;
export type PersonalKeyLifetime = (typeof PERSONAL_KEY_LIFETIMES)[number];
export const PERSONAL_KEY_LIFETIME_LABELS: Record<PersonalKeyLifetime, string> = {
  "30": "30 days",
  "90": "90 days",
  "365": "365 days",
  none: "No expiry",
};

const daysOf = (lifetime: PersonalKeyLifetime) => (lifetime === "none" ? null : Number(lifetime));

/** Whether `lifetime` fits under the organisation's maximum (null: No limit, every lifetime fits). */
export function lifetimeAllowed(lifetime: PersonalKeyLifetime, maxDays: number | null): boolean {
  if (maxDays === null) return true;
  const days = daysOf(lifetime);
  return days !== null && days <= maxDays;
}

/** The lifetimes a person may choose under `maxDays`, longest first: the first is the default. */
export const allowedLifetimes = (maxDays: number | null) => PERSONAL_KEY_LIFETIMES.filter((l) => lifetimeAllowed(l, maxDays));

export const lifetimeRefusal = (maxDays: number) =>
  `Your organisation allows personal API keys of at most ${maxDays} days. Choose ${allowedLifetimes(maxDays)
    .map((l) => PERSONAL_KEY_LIFETIME_LABELS[l])
    .join(" or ")}.`;

/** When a key made at `from` with `lifetime` expires; null for No expiry. */
export function expiryOf(lifetime: PersonalKeyLifetime, from: Date): Date | null {
  const days = daysOf(lifetime);
  return days === null ? null : new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
}
