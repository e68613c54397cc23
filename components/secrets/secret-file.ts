/** The text of a downloaded secret: who it belongs to, the values, when it was made, and how to use it. */
export function secretFileText(input: {
  title: string;
  organization: string;
  values: { label: string; value: string }[];
  createdAt: Date;
  usage: string[];
}): string {
  const width = Math.max(...input.values.map((v) => v.label.length)) + 2;
  return [
    `Keyward — ${input.title}`,
    `Organisation: ${input.organization}`,
    `Created: ${input.createdAt.toISOString()}`,
    "",
    ...input.values.map((v) => `${`${v.label}:`.padEnd(width)}${v.value}`),
    "",
    "Keep this file somewhere safe: Keyward stores only a hash and cannot show the secret again.",
    "",
    "How to use it:",
    ...input.usage.map((line) => `  ${line}`),
    "",
  ].join("\n");
}
