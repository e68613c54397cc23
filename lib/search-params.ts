/** A page's search parameters as Next.js hands them over: a parameter given twice arrives as a list. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * The first value of each parameter, without control characters (which no one types into a filter, and which
 * PostgreSQL refuses in text), so that a hand-edited URL narrows a page instead of breaking it.
 */
export function firstValues(params: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return [name, first?.replace(/[\u0000-\u001f\u007f]/g, "")];
    }),
  );
}
