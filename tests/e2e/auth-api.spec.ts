import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { makeUser } from "../support/factory";
import { uniqueEmail } from "../support/unique";
import { BASE_URL, newClient, SECOND_BASE_URL, signedInClient, signIn } from "./support/http";

test.describe("sessions", () => {
  test("carry the user's id and role", async () => {
    const labeler = await makeUser("labeler");
    const client = await signedInClient(labeler.email, labeler.password);
    const session = await (await client.get("/api/auth/session")).json();
    expect(session.user).toMatchObject({ id: labeler.id, role: "labeler", email: labeler.email });
  });

  test("refuse wrong passwords and unknown accounts alike", async () => {
    const labeler = await makeUser("labeler");
    expect(await signIn(await newClient(), labeler.email, "wrong-password-here")).toBe(401);
    expect(await signIn(await newClient(), uniqueEmail("nobody"), "wrong-password-here")).toBe(401);
  });

  test("end at the next request once the person is deactivated, on every instance", async () => {
    const admin = await makeUser("admin");
    const labeler = await makeUser("labeler");
    const adminClient = await signedInClient(admin.email, admin.password);
    const labelerOnFirst = await signedInClient(labeler.email, labeler.password, BASE_URL);
    // The same session cookie, presented to the other instance.
    const second = await request.newContext({
      baseURL: SECOND_BASE_URL,
      storageState: await labelerOnFirst.storageState(),
      maxRedirects: 0,
    });

    expect((await labelerOnFirst.get("/")).status()).toBe(200);
    expect((await second.get("/")).status()).toBe(200);
    const response = await adminClient.patch(`/api/admin/users/${labeler.id}`, { data: { active: false } });
    expect(response.status()).toBe(200);

    for (const client of [labelerOnFirst, second]) {
      const page = await client.get("/");
      expect(page.status()).toBe(307);
      expect(page.headers().location).toContain("/login?error=deactivated");
      expect((await (await client.get("/api/auth/session")).json()).user).toBeUndefined();
    }
    expect(await signIn(await newClient(), labeler.email, labeler.password)).toBe(401);

    await adminClient.patch(`/api/admin/users/${labeler.id}`, { data: { active: true } });
    expect(await signIn(await newClient(), labeler.email, labeler.password)).toBe(200);
  });
});

// The three shapes next-auth accepts on its credentials endpoint. The throttle must see, in each,
// the very account the password is checked against.
type Shape = "form" | "json";
async function attempt(client: APIRequestContext, shape: Shape | { raw: string }, fields: Record<string, string>, ip: string) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const headers = { "x-forwarded-for": ip };
  const body = { csrfToken, json: "true", ...fields };
  if (shape === "json") return client.post("/api/auth/callback/credentials", { data: body, headers });
  if (shape === "form") return client.post("/api/auth/callback/credentials", { form: body, headers });
  return client.post("/api/auth/callback/credentials", {
    data: `csrfToken=${encodeURIComponent(csrfToken)}&json=true&${shape.raw}`,
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
  });
}

const randomIp = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Five failures in a row for one account from one address, sitting out the 1 s and 2 s waits
 * after the third and fourth: the next attempt must then wait 4 s, time enough to be refused
 * however slow the machine. `shapes` and `clients` are taken in turn.
 */
async function failFiveTimes(clients: APIRequestContext[], shapes: Shape[], email: string, ip: string) {
  for (let i = 0; i < 5; i++) {
    if (i === 3) await wait(1100);
    if (i === 4) await wait(2100);
    const response = await attempt(
      clients[i % clients.length]!,
      shapes[i % shapes.length]!,
      { email, password: "wrong-password-here" },
      ip,
    );
    expect(response.status(), `failure ${i + 1}`).toBe(401);
  }
}

test.describe("failed sign-ins", () => {
  for (const shape of ["form", "json"] as const) {
    test(`sent as ${shape}, make that account wait from that address, on both instances, even with the right password`, async () => {
      const labeler = await makeUser("labeler");
      const instances = [await newClient(BASE_URL), await newClient(SECOND_BASE_URL)];
      const ip = randomIp();
      await failFiveTimes(instances, [shape], labeler.email, ip);

      const refused = await attempt(instances[1]!, shape, { email: labeler.email, password: labeler.password }, ip);
      expect(refused.status()).toBe(429);
      const retryAfter = Number(refused.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(4);
      const body = await refused.json();
      expect(body.error.code).toBe("rate_limited");
      expect(body.url).toContain("/login?error=RateLimited");
      expect((await (await instances[1]!.get("/api/auth/session")).json()).user).toBeUndefined();
      // The owner, elsewhere, is not slowed down by a stranger's guesses.
      expect((await attempt(instances[0]!, shape, { email: labeler.email, password: labeler.password }, randomIp())).status()).toBe(200);
    });
  }

  test("sent as JSON or as a form, count together", async () => {
    const labeler = await makeUser("labeler");
    const client = await newClient();
    const ip = randomIp();
    await failFiveTimes([client], ["json", "form"], labeler.email, ip);
    expect((await attempt(client, "form", { email: labeler.email, password: labeler.password }, ip)).status()).toBe(429);
    expect((await attempt(client, "json", { email: labeler.email, password: labeler.password }, ip)).status()).toBe(429);
  });

  test("with the email given twice, are judged on the one signed in with (the last)", async () => {
    const labeler = await makeUser("labeler");
    const client = await newClient();
    const ip = randomIp();
    await failFiveTimes([client], ["form"], labeler.email, ip);
    const waiting = encodeURIComponent(labeler.email);
    const other = encodeURIComponent(uniqueEmail("decoy"));
    const password = encodeURIComponent(labeler.password);
    // A decoy first, the waiting account last: next-auth signs in with the last, so it is refused.
    expect((await attempt(client, { raw: `email=${other}&email=${waiting}&password=${password}` }, {}, ip)).status()).toBe(429);
    // The waiting account first, a decoy last: the attempt is on the decoy, not refused, and fails.
    expect((await attempt(client, { raw: `email=${waiting}&email=${other}&password=${password}` }, {}, ip)).status()).toBe(401);
    expect((await (await client.get("/api/auth/session")).json()).user).toBeUndefined();
  });
});

test.describe("health", () => {
  test("answers 200 when the database answers", async () => {
    const client = await newClient();
    const response = await client.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});
