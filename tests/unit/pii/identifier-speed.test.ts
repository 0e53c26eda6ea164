import { describe, expect, it } from "vitest";
import { findCreditCards } from "@/lib/pii/recognizers/credit-card";
import { findDatesOfBirth } from "@/lib/pii/recognizers/date-of-birth";
import { findHandles } from "@/lib/pii/recognizers/handle";
import { findIbans } from "@/lib/pii/recognizers/iban";
import { findIpAddresses } from "@/lib/pii/recognizers/ip-address";
import { findNationalIds } from "@/lib/pii/recognizers/national-id";
import { findPhones } from "@/lib/pii/recognizers/phone";
import { findSecrets } from "@/lib/pii/recognizers/secret";
import { findUsSsns } from "@/lib/pii/recognizers/us-ssn";
import { digitFacts } from "@/lib/pii/text";
import type { Candidate } from "@/lib/pii/types";

// The recognizers skip a text, or one of their patterns, when its digitFacts say it cannot hold a
// match. These are the shapes closest to each skip's limit: each must still be found.

const taken = (text: string, found: Candidate[]) => found.filter((c) => c.confidence >= 0.5).map((c) => text.slice(c.start, c.end));

describe("digitFacts", () => {
  it("measures runs of digits joined by the separators each identifier allows", () => {
    const card = digitFacts("card 4111 1111-1111 1111.");
    expect([card.digits, card.longestRun, card.longestSpacedRun, card.longestDottedRun]).toEqual([16, 4, 16, 16]);
    const cpf = digitFacts("CPF 123.456.789-09");
    expect([cpf.longestSpacedRun, cpf.longestDottedRun]).toEqual([5, 11]);
    expect(digitFacts("ring +46 (0)179 459 33 now").longestPhoneRun).toBe(11);
    // Two spaces, or a letter, break a run.
    expect(digitFacts("12  34 x 56").longestSpacedRun).toBe(2);
    expect(digitFacts("1 2 3 4x5").longestPhoneRun).toBe(4);
  });
  it("tells \\d\\d\\D?\\d\\d, a letter before two digits and a dot between digits", () => {
    for (const [text, pairs] of [
      ["1234", true],
      ["12-34", true],
      ["12X34", true],
      ["123 4", false],
      ["12--34", false],
      ["1 2 3 4", false],
    ] as const)
      expect(digitFacts(text).twoPairs, text).toBe(pairs);
    expect(digitFacts("GB73 DZEN").letterBeforeTwoDigits).toBe(true);
    expect(digitFacts("G 73 B7").letterBeforeTwoDigits).toBe(false);
    expect(digitFacts("v1.2").dotBetweenDigits).toBe(true);
    expect(digitFacts("1. 2").dotBetweenDigits).toBe(false);
  });
  it("answers for the text it is given, though it keeps the last one's", () => {
    expect(digitFacts("no digits here").digits).toBe(0);
    expect(digitFacts("call 555 0100").digits).toBe(7);
    expect(digitFacts("no digits here").digits).toBe(0);
  });
});

describe("the skips drop nothing", () => {
  it("phones: brackets, a 00 prefix and single digits still join a number's digits", () => {
    for (const phone of ["(02) 9471 3386", "00(44) 20 7946 0958", "+46 (0)179 459 33", "467 3395", "46-7-3-3-9-5"]) {
      const t = `Phone: ${phone} please`;
      expect(taken(t, findPhones(t)), t).toEqual([phone]);
    }
  });
  it("national IDs made mostly of letters", () => {
    for (const [t, id] of [
      ["Ausweisnummer: LZ6311T475", "LZ6311T475"],
      ["Ausweisnummer: L01X00T471", "L01X00T471"],
      ["codice fiscale rssmra85t10a562s", "rssmra85t10a562s"],
      ["NINO: AB123456C", "AB123456C"],
      ["PAN: ABCPE1234F", "ABCPE1234F"],
    ])
      expect(taken(t, findNationalIds(t)), t).toEqual([id]);
  });
  it("a date with three digits, and a birth-date column", () => {
    expect(taken("born Apr 1 '82", findDatesOfBirth("born Apr 1 '82"))).toEqual(["Apr 1 '82"]);
    expect(taken("dob,name\n1/2/83,Ann", findDatesOfBirth("dob,name\n1/2/83,Ann"))).toEqual(["1/2/83"]);
  });
  it("IPv6 with few digits, IPv4 of single digits", () => {
    const t = "host 2001:db8::1 and fe80::1ff:fe23:4567:890a, gateway 1.2.3.4";
    expect(taken(t, findIpAddresses(t))).toEqual(["1.2.3.4", "2001:db8::1", "fe80::1ff:fe23:4567:890a"]);
  });
  it("secrets without ':', '=', '-' or '_'", () => {
    expect(taken("key AKIAIOSFODNN7EXAMPLE here", findSecrets("key AKIAIOSFODNN7EXAMPLE here"))).toEqual(["AKIAIOSFODNN7EXAMPLE"]);
    const bearer = "curl -H Bearer 4f9a8e2b7d1c6c0d5e3f";
    expect(taken(bearer, findSecrets(bearer))).toEqual(["4f9a8e2b7d1c6c0d5e3f"]);
  });
  it("SSNs and cards spaced or dashed, an IBAN in lower case and groups", () => {
    expect(taken("SSN 536 22 8120", findUsSsns("SSN 536 22 8120"))).toEqual(["536 22 8120"]);
    expect(taken("card 4111-1111-1111-1111", findCreditCards("card 4111-1111-1111-1111"))).toEqual(["4111-1111-1111-1111"]);
    const iban = "pay gb82 west 1234 5698 7654 32 to me";
    expect(taken(iban, findIbans(iban))).toEqual(["gb82 west 1234 5698 7654 32"]);
  });
});

describe("handles read the line around an '@' from the '@', however long the line", () => {
  it("a decorator after a long indent, a chat speaker after one, a mention after a long line", () => {
    const indent = " ".repeat(3000);
    expect(findHandles(`${indent}@property\n${indent}def name(self):`)).toEqual([]);
    const speaker = `${indent}[10:42] @kenji: can you send it?`;
    expect(findHandles(speaker).map((c) => [speaker.slice(c.start, c.end), c.confidence])).toEqual([["@kenji", 0.9]]);
    const mention = `${"word ".repeat(2000)}@anna`;
    expect(taken(mention, findHandles(mention))).toEqual(["@anna"]);
  });
});
