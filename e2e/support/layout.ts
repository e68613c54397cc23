import type { Locator, Page } from "@playwright/test";

// What a screen can get wrong in its layout, measured in the browser: each check lists what it found, so that a
// failure says what to fix.

/** Where the first body row's controls of each table lie outside the viewport or outside the table's visible frame. */
export async function controlsOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of document.querySelectorAll("table")) {
      const row = table.querySelector("tbody tr");
      const frame = table.closest("[data-slot=table-container]") ?? table;
      const visible = frame.getBoundingClientRect();
      for (const control of row?.querySelectorAll<HTMLElement>("button, a, [role=switch], input") ?? []) {
        const box = control.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const name = control.getAttribute("aria-label") ?? control.textContent?.trim() ?? control.tagName;
        if (box.left < 0 || box.right > window.innerWidth) problems.push(`${name}: outside the viewport`);
        else if (box.left < visible.left - 1 || box.right > visible.right + 1) problems.push(`${name}: outside the table frame`);
      }
    }
    return problems;
  });
}

/**
 * Nothing when the page does not scroll sideways; otherwise its width and the outermost elements that stick out
 * past the window's right edge, so a failure says what to fix.
 */
export async function pageOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return [];
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > window.innerWidth + 1;
    // What a container inside the window clips (a visually hidden header row, a scrolling table) widens nothing.
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible" && !sticksOut(up)) return true;
      }
      return false;
    };
    const describe = (element: Element) =>
      [
        element.tagName.toLowerCase(),
        element.getAttribute("role") ?? "",
        element.getAttribute("aria-label") ?? element.getAttribute("data-slot") ?? "",
        (element.textContent ?? "").trim().slice(0, 40),
      ].join(" ");
    const outermost = [...document.body.querySelectorAll("*")].filter(
      (element) => sticksOut(element) && !(element.parentElement && sticksOut(element.parentElement)) && !clipped(element),
    );
    return [`page ${width}px wide in a ${window.innerWidth}px window`, ...outermost.slice(0, 5).map(describe)];
  });
}

/**
 * What the page shows cut off, or out of place, that a layout may get wrong without scrolling sideways: a select too
 * narrow for its chosen option, the current tab outside its strip, a crumb cut with room to spare or the current
 * page's cut shorter than one above it, a phone's card without its frame, and (when `wide`) a table that scrolls
 * sideways in a desktop window.
 */
export async function cutOff(page: Page, wide: boolean): Promise<string[]> {
  return page.evaluate((wide) => {
    const problems: string[] = [];
    const shown = (element: Element) => element.getClientRects().length > 0;
    const context = document.createElement("canvas").getContext("2d")!;
    for (const select of document.querySelectorAll("select")) {
      if (!shown(select)) continue;
      const style = getComputedStyle(select);
      context.font = style.font;
      const text = select.selectedOptions[0]?.text ?? "";
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (context.measureText(text).width > room + 1) problems.push(`select ${select.id || select.name}: "${text}" is cut off`);
    }
    for (const tab of document.querySelectorAll('[role="tab"][aria-selected="true"]')) {
      const strip = tab.closest('[role="tablist"]')!.getBoundingClientRect();
      const box = tab.getBoundingClientRect();
      if (box.left < Math.max(0, strip.left) - 1 || box.right > Math.min(window.innerWidth, strip.right) + 1) {
        problems.push(`tab ${tab.textContent?.trim()}: selected but out of view`);
      }
    }
    const above = [...document.querySelectorAll<HTMLElement>('nav[aria-label="Breadcrumb"] li a')].filter(shown);
    for (const crumb of above) {
      if (crumb.clientWidth < 24 && crumb.scrollWidth > crumb.clientWidth) problems.push(`breadcrumb ${crumb.textContent}: squeezed away`);
    }
    const current = document.querySelector<HTMLElement>('nav[aria-label="Breadcrumb"] [aria-current="page"]');
    const trail = current?.closest("ol")?.getBoundingClientRect();
    // The name menu: the header's last menu button (the first, a phone's navigation, is hidden on a desktop).
    const menu = [...document.querySelectorAll("header button[aria-haspopup]")].filter(shown).at(-1)?.getBoundingClientRect();
    const cut = [...above, ...(current ? [current] : [])].filter((crumb) => crumb.scrollWidth > crumb.clientWidth + 1);
    if (trail && menu && menu.left - trail.right > 48 && cut.length > 0) {
      problems.push(`breadcrumb ${cut[0]!.textContent}: cut although the header has ${Math.round(menu.left - trail.right)}px to spare`);
    }
    if (current && current.scrollWidth > current.clientWidth + 1) {
      const wider = above.find((crumb) => crumb.clientWidth > current.clientWidth);
      if (wider) problems.push(`breadcrumb ${current.textContent}: cut to ${current.clientWidth}px beside ${wider.textContent} (${wider.clientWidth}px)`);
    }
    for (const row of document.querySelectorAll("tbody tr")) {
      if (getComputedStyle(row).display === "grid" && parseFloat(getComputedStyle(row).borderTopWidth) === 0) {
        problems.push(`a card of ${row.closest("table")?.getAttribute("aria-label")} has no frame`);
      }
    }
    if (wide) {
      for (const frame of document.querySelectorAll<HTMLElement>("[data-slot=table-container]")) {
        if (frame.scrollWidth > frame.clientWidth + 1) {
          problems.push(`table ${frame.querySelector("table")?.getAttribute("aria-label")}: scrolls sideways (${frame.scrollWidth}px in ${frame.clientWidth}px)`);
        }
      }
    }
    return problems;
  }, wide);
}

/**
 * What an open dialog gets wrong in the window: it sticks out of it sideways, scrolls sideways itself, has a control
 * sticking out of its frame, or is taller than the window without scrolling (its last buttons out of reach).
 */
export async function dialogOutOfFrame(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((element) => {
    const problems: string[] = [];
    const box = element.getBoundingClientRect();
    if (box.left < -1 || box.right > window.innerWidth + 1) {
      problems.push(`the dialog spans ${Math.round(box.left)}–${Math.round(box.right)}px of a ${window.innerWidth}px window`);
    }
    if (element.scrollWidth > element.clientWidth + 1) problems.push(`the dialog scrolls sideways (${element.scrollWidth}px in ${element.clientWidth}px)`);
    for (const control of element.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, [role=switch]")) {
      const own = control.getBoundingClientRect();
      if (own.width === 0 && own.height === 0) continue;
      if (own.left < box.left - 1 || own.right > box.right + 1) {
        problems.push(`${control.getAttribute("aria-label") ?? control.textContent?.trim() ?? control.tagName}: sticks out of the dialog`);
      }
    }
    if (box.height > window.innerHeight + 1) {
      const scrolls = (node: Element | null): boolean =>
        node !== null && ((/(auto|scroll)/.test(getComputedStyle(node).overflowY) && node.scrollHeight > node.clientHeight) || scrolls(node.parentElement));
      if (!scrolls(element)) problems.push(`the dialog is ${Math.round(box.height)}px tall in a ${window.innerHeight}px window and does not scroll`);
    }
    return problems;
  });
}
