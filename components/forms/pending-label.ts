const DOUBLED = new Set(["Stop", "Set", "Run"]);

/**
 * What a button says while its request runs, from the verb that starts its label: "Generate API credentials" →
 * "Generating…", "Delete key" → "Deleting…". One wording for every pending button, unless a form names its own.
 */
export function pendingLabelFor(label: string): string {
  const verb = label.split(" ")[0] ?? label;
  if (DOUBLED.has(verb)) return `${verb}${verb.at(-1)}ing…`;
  if (verb.endsWith("e") && !verb.endsWith("ee")) return `${verb.slice(0, -1)}ing…`;
  return `${verb}ing…`;
}
