import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** An axe scan of the page as it is now: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect(serious).toEqual([]);
}

let counter = 0;
/** An email no other test run has used. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now()}.${counter}@example.com`;
}

/** Waits until the forms that post to Auth.js have their CSRF token. */
export async function formsReady(page: Page): Promise<void> {
  await expect(page.getByRole("button").filter({ hasText: /sign in|continue|create account|sign out/i }).first()).toBeEnabled();
}
