import { KeyRound } from "lucide-react";
import Link from "next/link";

/** Public documentation: its own simple header, no session needed (the proxy lets `/docs` through). */
export default function DocsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b bg-card">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
          <div className="flex items-center gap-3">
            <Link href="/docs/api" className="flex items-center gap-2 font-semibold tracking-tight">
              <KeyRound aria-hidden className="size-5" />
              Keyward
            </Link>
            <span aria-hidden className="text-muted-foreground">/</span>
            <span className="text-sm text-muted-foreground">API documentation</span>
          </div>
          <Link href="/profile" className="text-sm font-medium underline-offset-4 hover:underline">
            Back to the console
          </Link>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
    </div>
  );
}
