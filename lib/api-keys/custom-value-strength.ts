import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/** What a custom access code must be worth: as many guesses as a random 128-bit value. */
export const MIN_CUSTOM_VALUE_BITS = 128;

let estimator: ZxcvbnFactory | undefined;

/**
 * zxcvbn's estimate of the guesses needed, in bits. It knows common passwords, words, names, keyboard walks,
 * dates, repeats, sequences and l33t spellings, and counts any other run of characters as 10 guesses per character:
 * a conservative estimate, under which only a value of about 39 random characters or more reaches 128 bits. Built
 * on first use (the dictionaries take a moment to load) and on the server only.
 */
export function estimatedBits(value: string): number {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: 256,
    // The default tries 100 l33t substitution tables, about a second per 40-character value; 10 find the same
    // words (p@ssw0rd, c0rr3ct) at a tenth of the cost, and this runs on the request's path.
    l33tMaxSubstitutions: 10,
  });
  return estimator.check(value).guessesLog10 * Math.log2(10);
}

/** Why a custom value is too guessable to be a credential, or null when it is strong enough. */
export function customValueStrengthProblem(value: string): string | null {
  const bits = Math.floor(estimatedBits(value));
  if (bits >= MIN_CUSTOM_VALUE_BITS) return null;
  return `This value is too easy to guess: it is worth about ${bits} bits, and a custom key value needs ${MIN_CUSTOM_VALUE_BITS}. Use at least 40 random characters (words, names, dates and patterns count for little), or let Keyward generate the code.`;
}
