import { headers } from "next/headers";
import { AppHeader } from "@/components/shell/app-header";
import { ConsoleOriginProvider } from "@/components/shell/console-origin";
import { requireActor } from "@/lib/auth/actor";
import { requestOrigin } from "@/lib/http/request-origin";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const origin = requestOrigin(await headers());
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader actor={actor} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        <ConsoleOriginProvider origin={origin}>{children}</ConsoleOriginProvider>
      </main>
    </div>
  );
}
