"use client";

import { useEffect } from "react";
import { lostFocus, returnFocus, trackFocus, usable } from "@/components/ui/focus-return";

/**
 * Keeps keyboard focus on the page when the focused control disappears (a deleted row, a re-rendered switch, a page
 * replaced by navigation) or is disabled while its request runs (a switch, Enable API access): the browser drops it
 * on the body, and the next Tab would start from the top. A disabled control gets it back once enabled again.
 */
export function FocusGuard() {
  useEffect(() => {
    trackFocus();
    const observer = new MutationObserver(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const lost = lostFocus();
      if (!lost) return;
      if (!lost.element.isConnected) returnFocus(lost);
      else if (usable(lost.element)) lost.element.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
    return () => observer.disconnect();
  }, []);
  return null;
}
