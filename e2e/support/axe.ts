import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe on the page as it is and records (softly, so the caller's other checks still run) every serious or
 * critical violation, by rule id, impact and the elements it found.
 */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  // Colours change with a transition (a colour scheme just switched, a hover): axe must measure where they end, not
  // a blend on the way. getAnimations() recalculates styles first, so transitions that start now are included; only
  // transitions, since a spinner's animation never finishes.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`);
  expect.soft(serious, `axe on ${where}`).toEqual([]);
}
