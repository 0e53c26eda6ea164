// Keyset pagination over a (createdAt, id) ordering, newest first, shared by the admin lists.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

export type Cursor = { at: Date; id: string };

/** A position in a (time, id) ordering, as it appears in a URL: "<epoch ms>.<id>". */
export function encodeCursor(cursor: Cursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

// The last millisecond of year 9999: later times have no plain ISO form for `ts` to send.
const LATEST_CURSOR_MS = 253_402_300_799_999;

export const cursorSchema = z
  .string()
  .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, { message: "Not a page cursor." })
  .refine((value) => Number(value.slice(0, value.indexOf("."))) <= LATEST_CURSOR_MS, { message: "Not a page cursor." })
  .transform((value): Cursor => {
    const dot = value.indexOf(".");
    return { at: new Date(Number(value.slice(0, dot))), id: value.slice(dot + 1) };
  });

// Timestamps are stored without a time zone, in UTC. Sending the ISO text and casting it to
// `timestamp` drops the "Z" instead of shifting by the session's time zone.
export function ts(date: Date) {
  return Prisma.sql`${date.toISOString()}::timestamp`;
}

export type PageRequest = { after?: Cursor; before?: Cursor };

/**
 * The WHERE condition (if any) and ORDER BY of one page of a table aliased `alias`: older than
 * `after`, or newer than `before` (read backwards, then reversed by `pageOf`).
 */
export function keysetClauses(alias: string, request: PageRequest) {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const backwards = !request.after && !!request.before;
  const cursor = request.after ?? request.before;
  const condition = cursor
    ? backwards
      ? Prisma.sql`(${column("createdAt")}, ${column("id")}) > (${ts(cursor.at)}, ${cursor.id})`
      : Prisma.sql`(${column("createdAt")}, ${column("id")}) < (${ts(cursor.at)}, ${cursor.id})`
    : null;
  const order = backwards
    ? Prisma.sql`${column("createdAt")} ASC, ${column("id")} ASC`
    : Prisma.sql`${column("createdAt")} DESC, ${column("id")} DESC`;
  return { condition, order };
}

/**
 * Turns `pageSize + 1` fetched rows into a page, newest first, with the cursors to the pages on
 * either side: the extra row tells whether another page follows, without counting.
 */
export function pageOf<T extends { createdAt: Date; id: string }>(fetched: T[], pageSize: number, request: PageRequest) {
  const backwards = !request.after && !!request.before;
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  const rows = backwards ? page.reverse() : page;
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    // Going forwards, the page we came from is newer; going back, the page we came from is older.
    older: last && (backwards || more) ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    newer: first && (backwards ? more : !!request.after) ? encodeCursor({ at: first.createdAt, id: first.id }) : null,
  };
}
