"use client";

import { useRouter } from "next/navigation";
import { cn } from "@/lib/utils";

/**
 * A table row that opens `href` when clicked anywhere, for the mouse. Keyboard and screen-reader users reach the same
 * place through the real link the row must still contain; clicks on that link or any other control, and clicks
 * that end a text selection, are left alone.
 */
export function LinkRow({ href, className, children }: { href: string; className?: string; children: React.ReactNode }) {
  const router = useRouter();
  return (
    <tr
      data-slot="table-row"
      className={cn("cursor-pointer border-b transition-colors hover:bg-muted/50", className)}
      onClick={(event) => {
        if (event.defaultPrevented || (event.target as Element).closest("a, button, input, select, textarea, label")) return;
        if (window.getSelection()?.toString()) return;
        if (event.metaKey || event.ctrlKey) window.open(href, "_blank", "noopener");
        else router.push(href);
      }}
    >
      {children}
    </tr>
  );
}
