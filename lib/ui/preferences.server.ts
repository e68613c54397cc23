import "server-only";
import { cookies } from "next/headers";
import { parseSidebarCollapsed, parseTheme, SIDEBAR_COOKIE, THEME_COOKIE, type Theme } from "./preferences";

export async function readPreferences(): Promise<{ theme: Theme; sidebarCollapsed: boolean }> {
  const jar = await cookies();
  return {
    theme: parseTheme(jar.get(THEME_COOKIE)?.value),
    sidebarCollapsed: parseSidebarCollapsed(jar.get(SIDEBAR_COOKIE)?.value),
  };
}
