import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateToken } from "../../lib/auth/tokens";
import { dataDir } from "./database";

/**
 * NEXTAUTH_SECRET signs sessions; without one `next start` answers 500. When none is given, one is
 * generated at first start and kept in .data/, so sessions survive a restart.
 */
export function ensureAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateToken(32), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * RANKLAB_SECRET_KEY seals the model endpoints' API keys (lib/models/secret-box.ts). When none is
 * given, one is generated at first start and kept in .data/, as the session secret is: losing it
 * makes the stored endpoint keys unreadable.
 */
export function ensureSecretKey(): string {
  if (process.env.RANKLAB_SECRET_KEY) return process.env.RANKLAB_SECRET_KEY;
  const file = path.join(dataDir, "secret-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
