import { AppHeader } from "@/components/shell/app-header";
import { requireActor } from "@/lib/auth/actor";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader actor={actor} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
    </div>
  );
}
