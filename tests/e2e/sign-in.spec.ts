import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, formsReady, uniqueEmail } from "./support";

const PASSWORD = "plant your flag, Q";

test("sign up, sign out, sign in again", async ({ page }) => {
  const email = uniqueEmail("renee");
  await page.goto("/signup");
  await formsReady(page);
  await page.getByLabel("Your name").fill("Renée Ballard");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Renée Ballard");
  await expect(page).toHaveURL("/");

  await formsReady(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  const accountNav = page.getByRole("navigation", { name: "Account" });
  await expect(accountNav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await accountNav.getByRole("link", { name: "Sign in" }).click();
  await formsReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Renée Ballard");
});

test("a wrong password is refused with a clear message", async ({ page, request }) => {
  const email = uniqueEmail("wrong");
  const created = await request.post("/api/users", { data: { name: "Harry", email, password: PASSWORD } });
  expect(created.status()).toBe(201);

  await page.goto("/signin");
  await formsReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page.getByTestId("signin-error")).toHaveText("That email and password do not match an account. Check them and try again.");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("a guest signs in with only a display name", async ({ page }) => {
  await page.goto("/signin");
  await formsReady(page);
  await page.getByLabel("Display name").fill("Cold case volunteer");
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Cold case volunteer (guest)");
});

test("sign-up explains a duplicate email and a weak password next to the fields", async ({ page, request }) => {
  const email = uniqueEmail("dup");
  await request.post("/api/users", { data: { name: "First", email, password: PASSWORD } });

  await page.goto("/signup");
  await formsReady(page);
  await page.getByLabel("Your name").fill("Second");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 10 characters\./);
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("An account with this email already exists.");
  await expectNoSeriousA11yViolations(page);
});

test("the forms work from the keyboard alone", async ({ page }) => {
  await page.goto("/signin");
  await formsReady(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("Display name").focus();
  await page.keyboard.type("Keyboard viewer");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Keyboard viewer (guest)");
});

for (const path of ["/", "/signin", "/signup"]) {
  test(`axe finds no serious violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
  });
}

test("the sign-in form keeps only a callback on this site, whatever form it takes", async ({ page }) => {
  for (const callback of ["/\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "//evil.example", "https://evil.example/"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callback)}`);
    const kept = await page.locator('input[name="callbackUrl"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(kept.length, callback).toBeGreaterThan(0);
    for (const value of kept) expect(value, callback).toBe("/");
  }
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/my")}`);
  await expect(page.locator('input[name="callbackUrl"]').first()).toHaveValue("/my");
  // A guest signing in from there lands on the site, not elsewhere.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\\evil.example")}`);
  await formsReady(page);
  await page.getByLabel("Display name").fill("Careful guest");
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Careful guest (guest)");
  await expect(page).toHaveURL("/");
});
