import { expect, type Page } from "@playwright/test";

/**
 * Signs in through the login form and waits until the signed-in shell has rendered (navigating
 * before then loses the session cookie). The wait is generous: on two cores, an argon2 check and
 * the first render can queue for seconds behind the other worker's heavy tests.
 */
export async function signInInBrowser(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page
      .getByTestId("current-user-email")
      .or(page.getByRole("button", { name: "Open menu" }))
      .first(),
  ).toBeAttached({ timeout: 30_000 });
}
