/**
 * The secret with its last character replaced by a different one: a typo that a test can count on being wrong
 * (replacing it with a fixed character is no change at all for the one secret in 62 that already ends in it).
 */
export const mistyped = (secret: string): string => `${secret.slice(0, -1)}${secret.endsWith("0") ? "1" : "0"}`;
