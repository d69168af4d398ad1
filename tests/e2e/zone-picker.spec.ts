import { expect, test } from "@playwright/test";
import { closeContexts, expectNoSeriousA11yViolations, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

test("the time zone is picked by city, under current IANA names, with the viewer's zone preselected", async ({ browser }) => {
  const host = await memberIn(browser, "Host Z1");
  const page = await (await browser.newContext({ timezoneId: "Asia/Calcutta", storageState: await host.context().storageState() })).newPage();
  await page.goto("/parties/new");
  const zone = page.getByLabel("Time zone");
  // The browser says Asia/Calcutta; the form offers the zone under its current name.
  await expect(zone).toHaveValue("Asia/Kolkata");
  expect(await zone.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).not.toContain("Asia/Calcutta");

  await page.getByLabel("Find a zone").fill("kyiv");
  await expect(zone).toHaveValue("Europe/Kyiv");
  await page.getByLabel("Find a zone").fill("los ang");
  await expect(zone).toHaveValue("America/Los_Angeles");
  await expect(zone.locator("option", { hasText: "Los Angeles" })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
});
