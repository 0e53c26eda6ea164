import { randomBytes } from "node:crypto";

/** A short unique suffix, so that tests sharing one database never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export function uniqueEmail(label = "person"): string {
  return `${unique(label)}@example.com`;
}
