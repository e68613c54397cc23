/** The sign-in and sign-out pages' frame: one card in the middle of the screen, under Keyward's name. */
export function AuthCard({ title, description, children }: { title: string; description: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 px-4">
      <div className="w-full max-w-sm rounded-xl border bg-card p-8 shadow-sm">
        <p className="mb-6 text-sm font-semibold tracking-tight text-muted-foreground">Keyward</p>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mb-6 text-sm text-muted-foreground">{description}</p>
        {children}
      </div>
    </main>
  );
}
