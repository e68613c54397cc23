/**
 * A page's search parameters as Next.js hands them over: a parameter given twice arrives as a list. Next.js gathers
 * them into a plain object, so a parameter named after one of Object's own members (`?constructor=`) arrives as a
 * list that begins with that member, a function: hence `unknown` in the lists.
 */
export type RawSearchParams = Record<string, string | readonly unknown[] | undefined>;

/**
 * The first text value of each parameter, without control characters (which no one types into a filter, and which
 * PostgreSQL refuses in text), so that a hand-edited URL narrows a page instead of breaking it.
 */
export function firstValues(params: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const first = (Array.isArray(value) ? value : [value]).find((v): v is string => typeof v === "string");
      return [name, first?.replace(/[\u0000-\u001f\u007f]/g, "")];
    }),
  );
}
