import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { runCli } from "../support/run-cli";
import { unique, uniqueEmail } from "../support/unique";

describe("operator CLI", () => {
  it("creates a key and prints it alone on standard output", () => {
    const name = unique("cli-key");
    const result = runCli(["key", "create", "--name", name, "--scopes", "prompts:write,export:read"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^rk_[A-Za-z0-9_-]{40}\n$/);
    return db.apiKey.findUniqueOrThrow({ where: { keyHash: hashToken(result.stdout.trim()) } }).then((row) => {
      expect(row.name).toBe(name);
      expect(row.scopes).toEqual(["prompts:write", "export:read"]);
    });
  });

  it("creates users and projects", async () => {
    const email = uniqueEmail("cli");
    const user = runCli(["user", "create", "--email", email, "--password", "cli-password-long", "--role", "admin"]);
    expect(user.status).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("admin");
    const slug = unique("cli-");
    const project = runCli(["project", "create", "--slug", slug, "--name", "From the CLI"]);
    expect(project.status).toBe(0);
    expect(project.stdout.trim()).toBe(slug);
    expect(runCli(["project", "create", "--slug", slug, "--name", "Again"]).status).toBe(1);
  });

  it("exits non-zero with a clear message on bad arguments, touching nothing", () => {
    const cases: [string[], RegExp][] = [
      [["key", "create", "--name", "x", "--scopes", "admin:all"], /--scopes: .*prompts:write/],
      [["key", "create", "--scopes", "export:read"], /--name/],
      [["user", "create", "--email", "nope", "--password", "long-enough-pw", "--role", "admin"], /--email: Enter a valid email/],
      [["user", "create", "--email", "a@b.co", "--password", "long-enough-pw", "--role", "owner"], /--role/],
      [["user", "create", "--email", "a@b.co", "--pasword", "x"], /Unknown option/],
      [["project", "remove"], /Unknown command "project remove"/],
      [[], /No command given/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).toContain("Usage:");
      expect(result.stdout).toBe("");
    }
  });
});
