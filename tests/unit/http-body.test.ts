import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/api/errors";
import { readBodyText, readJson, route } from "@/lib/api/http";

/** A request whose body arrives in `chunks` of `size` bytes, with no Content-Length (as when sent chunked). */
function streamed(size: number, chunks: number, onPull?: () => void): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("reading a request body", () => {
  it("stops a chunked body at the limit with a 413, without reading the rest", async () => {
    let pulls = 0;
    const error = await readBodyText(
      streamed(1024, 1_000_000, () => pulls++),
      64 * 1024,
    ).catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(pulls).toBeLessThan(100);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://localhost/api/x", {
      method: "POST",
      body: "{}",
      headers: { "content-length": String(26 * 1024 * 1024) },
    });
    await expect(readJson(request)).rejects.toMatchObject({ status: 413 });
  });

  it("reads a body within the limit, however it is chunked", async () => {
    expect(await readBodyText(streamed(1000, 5), 5000)).toBe(" ".repeat(5000));
    const request = new Request("http://localhost/api/x", { method: "POST", body: JSON.stringify({ text: "é \ud83d\ude00" }) });
    expect(await readJson(request)).toEqual({ text: "é \ud83d\ude00" });
  });

  it("answers 422 for bytes that are not UTF-8, and for deep nesting it parses without a crash", async () => {
    const latin1 = new Request("http://localhost/api/x", { method: "POST", body: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    await expect(readJson(latin1)).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/UTF-8/) });
    const deep = new Request("http://localhost/api/x", { method: "POST", body: `${"[".repeat(100_000)}${"]".repeat(100_000)}` });
    await expect(readJson(deep)).resolves.toBeInstanceOf(Array);
  });
});

describe("a route's failure log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("names the error and where it was thrown, never its message (which quotes request data)", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const marker = "ada.lovelace@example.com";
    const failing = route(async () => {
      const error = new Error(`Invalid \`prisma.prompt.create()\` invocation:\n{ data: { text: "${marker}" } }\n    at fake (${marker})`);
      Object.assign(error, { name: "PrismaClientValidationError", code: "P2009" });
      throw error;
    });
    const response = await failing(new Request("http://localhost/api/v1/things", { method: "POST" }), {});
    expect(response.status).toBe(500);
    expect(logged.join("\n")).toContain("POST /api/v1/things failed: PrismaClientValidationError P2009");
    expect(logged.join("\n")).not.toContain(marker);
  });
});
