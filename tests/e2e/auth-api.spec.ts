import { expect, request, test } from "@playwright/test";
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

test.describe("failed sign-ins", () => {
  test("are slowed down, then refused with 429 across both instances, even with the right password", async () => {
    test.setTimeout(90_000);
    const labeler = await makeUser("labeler");
    const instances = [await newClient(BASE_URL), await newClient(SECOND_BASE_URL)];
    const ip = { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` };
    const timings: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const started = Date.now();
      expect(await signIn(instances[attempt % 2]!, labeler.email, "wrong-password-here", ip)).toBe(401);
      timings.push(Date.now() - started);
    }
    // The 5th to 8th attempts wait 250, 500, 1000 and 2000 ms before the password is checked.
    expect(timings[7]!).toBeGreaterThan(1900);
    const locked = await newClient(BASE_URL);
    const { csrfToken } = await (await locked.get("/api/auth/csrf")).json();
    const refused = await locked.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: labeler.email, password: labeler.password, json: "true" },
    });
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(600);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect(await signIn(await newClient(SECOND_BASE_URL), labeler.email, labeler.password)).toBe(429);
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
