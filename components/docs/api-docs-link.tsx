import Link from "next/link";

/** The sections of `/docs/api` the console points to, each from where the person is. */
export type ApiDocsSection =
  | "company-credentials"
  | "access-codes"
  | "personal-keys"
  | "transports"
  | "reference-heading";

/** A link named "API documentation" to the section of the API reference that the screen is about. */
export function ApiDocsLink({ section, children = "API documentation" }: { section: ApiDocsSection; children?: React.ReactNode }) {
  return (
    <Link href={`/docs/api#${section}`} className="font-medium text-foreground underline underline-offset-4">
      {children}
    </Link>
  );
}
