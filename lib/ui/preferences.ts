/** Display preferences kept in cookies, so that the server renders the first paint as the person chose it. */

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "keyward-theme";
export const SIDEBAR_COOKIE = "keyward-sidebar";

export function parseTheme(value: string | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}

/** Whether the desktop sidebar is collapsed to its icons. */
export function parseSidebarCollapsed(value: string | undefined): boolean {
  return value === "collapsed";
}

/** Writes a preference cookie for a year; not httpOnly, since the browser sets it when the person chooses. */
export function writePreference(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
}
