"use client";

import { useEffect, useRef } from "react";

/**
 * Where keyboard focus goes back to when a dialog closes or the focused control disappears.
 *
 * Radix returns focus to a dialog's own trigger only; dialogs opened from a menu, from another dialog or after an
 * action, and controls replaced by a refresh (a deleted row, a flipped switch, a page reached after a secret reveal)
 * left focus on the body. One record of recently focused elements serves both cases: a dialog remembers the element
 * focused before it opened, and the focus guard (components/shell/focus-guard.tsx) moves focus on when that element
 * goes away. When the opener is gone, focus goes to the same control if it was re-rendered, else to the section's
 * main control (marked with `data-main-control`), else to <main>.
 */

const OVERLAYS = '[role="dialog"],[role="alertdialog"],[role="menu"],[role="listbox"]';
const HISTORY = 20;

export interface Focused {
  element: HTMLElement;
  /** Inside a dialog or menu: what happens to focus when it closes is the overlay's business, not the guard's. */
  inOverlay: boolean;
}

const history: Focused[] = [];
let installed = false;

/** Starts recording focus; idempotent, and a no-op on the server. */
export function trackFocus(): void {
  if (installed || typeof document === "undefined") return;
  installed = true;
  document.addEventListener(
    "focusin",
    (event) => {
      if (!(event.target instanceof HTMLElement)) return;
      const last = history.at(-1);
      if (last?.element === event.target) return;
      const inOverlay = event.target.closest(OVERLAYS) !== null;
      if (!inOverlay) rememberPosition(event.target);
      history.push({ element: event.target, inOverlay });
      if (history.length > HISTORY) history.shift();
    },
    true,
  );
  // A click elsewhere lets go of focus on purpose: nothing is to be given back after it.
  document.addEventListener(
    "pointerdown",
    () => history.push({ element: document.body, inOverlay: false }),
    true,
  );
}

/**
 * The entry of the element focused most recently, skipping menu items (a menu item that opened a dialog closes
 * with its menu; its menu button is the entry before). It may be gone already (a button replaced by the refresh
 * its action caused): `returnFocus` then finds what stands in for it. Read it as a dialog opens, before the dialog
 * takes focus.
 */
export function currentOpener(): Focused | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const entry = history[index];
    if (!entry || entry.element === document.body) continue;
    if (entry.element.closest('[role="menu"]')) continue;
    return entry;
  }
  return null;
}

/**
 * The entry of the last element focused outside any dialog or menu, unless the person has since pointed elsewhere:
 * when focus is found on the body, this is what lost it (removed, or disabled while its request ran).
 */
export function lostFocus(): Focused | null {
  const last = history.at(-1);
  if (!last || last.inOverlay || last.element === document.body) return null;
  return last;
}

export function usable(element: Element | null | undefined): element is HTMLElement {
  return (
    element instanceof HTMLElement &&
    element.isConnected &&
    !element.closest("[inert],[aria-hidden='true']") &&
    !(element as HTMLButtonElement).disabled &&
    element.getClientRects().length > 0
  );
}

function signature(element: HTMLElement): string {
  return [
    element.tagName,
    element.getAttribute("role") ?? "",
    element.getAttribute("aria-label") ?? "",
    element.getAttribute("name") ?? "",
    (element.textContent ?? "").trim(),
  ].join("\u0000");
}

/** The same control re-rendered as a new element: same id, or the same kind and name at the same place in order. */
function counterpart(gone: HTMLElement, before: { signature: string; index: number } | null): HTMLElement | null {
  if (gone.id) {
    const byId = document.getElementById(gone.id);
    if (usable(byId)) return byId;
  }
  if (!before) return null;
  const same = Array.from(document.querySelectorAll<HTMLElement>(gone.tagName)).filter(
    (element) => signature(element) === before.signature,
  );
  const candidate = same[Math.min(before.index, same.length - 1)];
  return usable(candidate) ? candidate : null;
}

const positions = new WeakMap<HTMLElement, { signature: string; index: number }>();

/** Notes where an element stands among its look-alikes, so that its re-rendered self can be found once it is gone. */
function rememberPosition(element: HTMLElement): void {
  const own = signature(element);
  const same = Array.from(document.querySelectorAll<HTMLElement>(element.tagName)).filter(
    (candidate) => signature(candidate) === own,
  );
  positions.set(element, { signature: own, index: Math.max(0, same.indexOf(element)) });
}

/** The section's main control, or <main> itself: where focus goes when nothing better is left. */
function fallback(): HTMLElement | null {
  const main = document.getElementById("main");
  const marked = Array.from(document.querySelectorAll<HTMLElement>("[data-main-control]")).find(usable);
  return marked ?? main;
}

/**
 * Moves focus back to where `opener` was: the opener itself; when it sat in a dialog that has closed since (a
 * confirmation that handed over to a secret reveal), what opened that dialog; when it was re-rendered, its new self;
 * otherwise the section's main control.
 */
export function returnFocus(opener: Focused | null): void {
  let entry = opener;
  let index = entry ? history.lastIndexOf(entry) : -1;
  while (entry && entry.inOverlay && !usable(entry.element) && index > 0) {
    index -= 1;
    entry = history[index] ?? null;
  }
  const element = entry?.element ?? null;
  const target =
    (usable(element) ? element : null) ?? (element ? counterpart(element, positions.get(element) ?? null) : null) ?? fallback();
  target?.focus();
}

type AutoFocusHandler = (event: Event) => void;

/**
 * For a dialog's content: remembers what was focused when it opened (at Radix's open auto-focus, before focus moves
 * in), and returns focus there when it closes, unless the caller's own `onCloseAutoFocus` prevented that.
 */
export function useReturnFocus(handlers: { onOpenAutoFocus?: AutoFocusHandler; onCloseAutoFocus?: AutoFocusHandler }) {
  const opener = useRef<Focused | null>(null);
  useEffect(trackFocus, []);
  return {
    onOpenAutoFocus: (event: Event) => {
      opener.current = currentOpener();
      handlers.onOpenAutoFocus?.(event);
    },
    onCloseAutoFocus: (event: Event) => {
      handlers.onCloseAutoFocus?.(event);
      if (event.defaultPrevented) return;
      event.preventDefault();
      returnFocus(opener.current);
    },
  };
}
