import type { Metadata } from "next";
import { Toaster } from "@/components/ui/sonner";
import { readPreferences } from "@/lib/ui/preferences.server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyward", template: "%s · Keyward" },
  description: "Manage every way software reaches your organisation's account.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Without a chosen theme the stylesheet follows the system; a chosen one is set here, before the first paint.
  const { theme } = await readPreferences();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-background text-foreground antialiased">
        {children}
        <Toaster theme={theme} />
      </body>
    </html>
  );
}
