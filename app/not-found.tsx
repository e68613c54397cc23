import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, not prerendered: a prerendered page carries no CSP nonce, so the browser would block its
  // scripts.
  await connection();
  return (
    <div className="mx-auto grid max-w-lg gap-3 px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">There is nothing here, or it belongs to another organisation.</p>
      <p>
        <Link href="/profile" className="underline underline-offset-4">
          Go to your profile
        </Link>
      </p>
    </div>
  );
}
