import fs from "node:fs";
import path from "node:path";
import { countrySpecs, friendlyFormatIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { parseMarked } from "@/bench/pii/metrics";
import { PII_TYPES, redact } from "@/lib/pii";
import { findHandles } from "@/lib/pii/recognizers/handle";
import { findIbans } from "@/lib/pii/recognizers/iban";
import { findNationalIds } from "@/lib/pii/recognizers/national-id";
import { findJapaneseAddresses } from "@/lib/pii/recognizers/street-address";

const taken = (text: string, found: { start: number; end: number; confidence: number }[]) =>
  found.filter((c) => c.confidence >= 0.5).map((c) => text.slice(c.start, c.end));
const ids = (t: string) => taken(t, findNationalIds(t));

// Each case: a valid number in its context, and the same number with one check digit changed.
const NATIONAL_IDS: Array<[string, string, string]> = [
  ["UK NINO", "My national insurance number is AB 12 34 56 C.", "My national insurance number is QQ 12 34 56 C."],
  ["DE Steuer-ID", "Meine Steuer-ID ist 86095742719.", "Meine Steuer-ID ist 86095742718."],
  ["DE Personalausweis", "Personalausweisnummer: T220001293", "Personalausweisnummer: T220001294"],
  ["FR NIR", "Numéro de sécurité sociale : 1 85 05 78 006 084 91", "Numéro de sécurité sociale : 1 85 05 78 006 084 92"],
  ["IN Aadhaar", "my Aadhaar number 2345 6789 0124 is wrong", "my Aadhaar number 2345 6789 0125 is wrong"],
  ["IN PAN", "PAN: ABCPE1234F", "PAN: ABCXE1234F"],
  ["BR CPF", "CPF 529.982.247-25", "CPF 529.982.247-26"],
  ["ES DNI", "Mi DNI es 12345678Z", "Mi DNI es 12345678A"],
  ["ES NIE", "NIE X1234567L", "NIE X1234567M"],
  ["IT codice fiscale", "codice fiscale RSSMRA85T10A562S", "codice fiscale RSSMRA85T10A562T"],
  ["NL BSN", "Mijn BSN is 111222333", "Mijn BSN is 111222334"],
  ["CA SIN", "My SIN is 046 454 286", "My SIN is 046 454 287"],
];

describe("national IDs (NATIONAL_ID): check digits validated", () => {
  for (const [name, valid, broken] of NATIONAL_IDS) {
    it(`${name}: taken when valid, left alone when its check fails`, () => {
      expect(ids(valid)).toHaveLength(1);
      expect(ids(broken)).toEqual([]);
      expect(redact(valid).findings.map((f) => f.type)).toContain("NATIONAL_ID");
    });
  }
  it("needs the country's word where one random number in ten would pass (Aadhaar, BSN, SIN, Steuer-ID, bare CPF)", () => {
    for (const t of ["Order 234567890124 shipped", "build 111222333 failed", "ticket 046454286", "job 86095742719", "row 52998224725"])
      expect(ids(t), t).toEqual([]);
  });
  it("takes formats that carry their own structure without a cue (NIR, codice fiscale, dotted CPF, DNI)", () => {
    expect(ids("1 85 05 78 006 084 91")).toHaveLength(1);
    expect(ids("RSSMRA85T10A562S")).toHaveLength(1);
    expect(ids("529.982.247-25")).toHaveLength(1);
    expect(ids("12345678Z")).toHaveLength(1);
  });
  it("keeps a US SSN typed as US_SSN", () => {
    expect(redact("My SSN is 536-22-8120").findings.map((f) => f.type)).toEqual(["US_SSN"]);
  });
  it("numbers the same ID written two ways as one value", () => {
    expect(redact("CPF 529.982.247-25, again: CPF 52998224725").redacted).toBe("CPF <NATIONAL_ID_1>, again: CPF <NATIONAL_ID_1>");
  });
});

/** A valid IBAN of a country from its BBAN format in the registry (ibantools' countrySpecs). */
function ibanOf(country: string, bban: string): string {
  // "^[0-9]{10}[A-Z0-9]{11}[0-9]{2}$": digits become 7s, letters Bs, either a C.
  const filled = bban
    .replace(/^\^|\$$/g, "")
    .replace(/\[([^\]]+)\](?:\{(\d+)\})?/g, (_, cls: string, n?: string) =>
      (cls === "0-9" ? "7" : cls === "A-Z" ? "B" : "C").repeat(Number(n ?? 1)),
    );
  const numeric = `${filled}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97;
  return `${country}${String(98 - rest).padStart(2, "0")}${filled}`;
}

describe("IBANs of every country in the registry", () => {
  const countries = Object.entries(countrySpecs).filter(([, spec]) => spec.chars && spec.bban_regexp && spec.IBANRegistry);
  it("covers the registry", () => expect(countries.length).toBeGreaterThan(90));
  for (const [country, spec] of countries) {
    it(`${country}: electronic, printed and lower case`, () => {
      const iban = ibanOf(country, spec.bban_regexp!);
      for (const form of [iban, friendlyFormatIBAN(iban)!, iban.toLowerCase()]) {
        const t = `Please pay to ${form} by Friday.`;
        expect(taken(t, findIbans(t)), form).toEqual([form]);
      }
    });
  }
});

describe("phones in national formats", () => {
  for (const [t, phone] of [
    ["Call me on 020 7946 0958 after six.", "020 7946 0958"],
    ["Erreichbar unter 030 12345678 oder per Mail.", "030 12345678"],
    ["Vous pouvez me rappeler au 01 23 45 67 89 demain.", "01 23 45 67 89"],
    ["電話番号は03-1234-5678です。", "03-1234-5678"],
    ["WhatsApp me at +91 98765 43210 when you land.", "+91 98765 43210"],
    ["Meu celular é (11) 91234-5678, pode me ligar.", "(11) 91234-5678"],
    // Asked for as a request opens in each language: "call me at".
    ["Ruf mich an unter 0171 2345678.", "0171 2345678"],
    ["Appelez-moi au 01 23 45 67 89.", "01 23 45 67 89"],
    ["Tél. : 04 72 10 30 30", "04 72 10 30 30"],
    ["Bel me op 06 12345678.", "06 12345678"],
    ["Llama a María al 612 345 678.", "612 345 678"],
    ["Chiama Giulia al 347 123 4567.", "347 123 4567"],
  ]) {
    it(t!, () => expect(redact(t!).findings.map((f) => t!.slice(f.start, f.end))).toContain(phone));
  }
});

describe("addresses in US, UK, DE, FR and JP styles", () => {
  for (const [t, address] of [
    ["Ship it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please.", "1600 Pennsylvania Avenue NW, Washington, DC 20500"],
    ["My flat is at 221B Baker Street, London NW1 6XE, thanks.", "221B Baker Street, London NW1 6XE"],
    ["Lieferadresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"],
    ["Envoyez le colis au 12 rue de la Paix, 75002 Paris.", "12 rue de la Paix, 75002 Paris"],
    ["Send it to 1-9-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005 by courier.", "1-9-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005"],
    ["住所は東京都千代田区丸の内1-9-1です。", "東京都千代田区丸の内1-9-1"],
  ]) {
    it(t!, () => {
      const r = redact(t!);
      expect(r.findings.filter((f) => f.type === "STREET_ADDRESS").map((f) => t!.slice(f.start, f.end))).toContain(address);
    });
  }
  it("reads kanji addresses with 丁目 and 番地 and drops a leading label", () => {
    const t = "住所大阪府大阪市北区梅田3丁目1番3号";
    expect(taken(t, findJapaneseAddresses(t))).toEqual(["大阪府大阪市北区梅田3丁目1番3号"]);
  });
});

describe("handles (HANDLE)", () => {
  const handles = (t: string) => taken(t, findHandles(t));
  it("takes a person's handle in prose and chat", () => {
    expect(handles("Follow me on Instagram @maria.lopez92 for the photos.")).toEqual(["@maria.lopez92"]);
    expect(handles("[10:42] @kenji: can you send the file?")).toEqual(["@kenji"]);
    expect(redact("Reach me on Mastodon: @anna@mastodon.social").findings.map((f) => f.type)).toContain("HANDLE");
  });
  it("leaves emails, npm scopes, decorators, doc tags, at-rules and @here alone", () => {
    for (const t of [
      "Email ana.perez@example.org today",
      "npm install @types/node@20.11.5 @tanstack/react-query",
      "import { S3Client } from '@aws-sdk/client-s3'; // also @smithy/types and @vue.js/cli",
      "@Component({ selector: 'app-root' })\nexport class AppComponent {}",
      "class Foo:\n    @property\n    def bar(self):\n        return 42",
      "@Override\npublic String toString() {",
      "/** @param {string} id\n * @returns {void} */",
      "@media (max-width: 600px) { .nav { display: none; } }",
      "Our @here announcement goes out at 9; tag @channel for urgent issues.",
      "Use the icon@2x.png and scale @2x for retina.",
    ])
      expect(handles(t), t).toEqual([]);
  });
  it("takes an account name given with its label in logs, config and JSON when it holds a name", () => {
    expect(handles("2023-04-01 12:00:01 INFO user=alice.smith logged in")).toEqual(["alice.smith"]);
    expect(handles("user: bob_1987, password: hunter2")).toEqual(["bob_1987"]);
    expect(handles('{"username": "priya.k", "role": "admin"}')).toEqual(["priya.k"]);
  });
  it("takes the nicks of an IRC-style chat log, after each line's time", () => {
    expect(redact("[09:14] <kenji> lol\n[09:15] <ayumi_t> brb\n12:01:33 <@op_dan> welcome").redacted).toBe(
      "[09:14] <<HANDLE_1>> lol\n[09:15] <<HANDLE_2>> brb\n12:01:33 <@<HANDLE_3>> welcome",
    );
    for (const t of ["<div> hello </div>", "10:00 <b> bold", "a > b and c > d"]) expect(handles(t), t).toEqual([]);
  });
  it("leaves code, system accounts and names without a person's name alone, and a chat's speaker label to the names", () => {
    for (const t of [
      "user = request.user",
      "user=root login=postgres",
      "const user: User = getUser()",
      "login=jdoe failed",
      "user: string",
    ])
      expect(handles(t), t).toEqual([]);
    expect(redact("bot: what's the name on the account? user: vilma holm").redacted).toBe(
      "bot: what's the name on the account? user: <PERSON_1>",
    );
  });
});

describe("precision: texts without personal data stay untouched", () => {
  for (const t of [
    "Commit 9f1c2ab4d7e8 introduced the regression; revert to v2.14.3 and rerun the tests.",
    "ISBN 978-0-306-40615-7 is the second edition; ISBN 0 306 40615 2 the first.",
    'uuid = "3f2b6c1e-8a4d-4b9e-9c7a-1d2e3f4a5b6c"',
    "pip install numpy==1.26.4 pandas==2.2.1 && python -m pytest -q",
    "sha256: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
    "Error 0x80070005 occurred while installing KB5034441 on Windows 11 23H2.",
    "Order 529982247 shipped on 2024-03-14.",
    "Upgrade from 1.2.3 to 2.0.1 broke the 2023-11-05 nightly.",
    "Release 3.14.159 ships with Python 3.12.1 and Node 20.11.0.",
    "Invoice INV-2023-004471 totals €1,249.00 excluding VAT.",
  ])
    it(t, () => expect(redact(t).redacted).toBe(t));
});

describe("the type list", () => {
  it("lists the new types", () => {
    expect(PII_TYPES).toContain("NATIONAL_ID");
    expect(PII_TYPES).toContain("HANDLE");
  });
});

// Our dev set: every structured identifier it marks (not names: the names helper's set) is caught.
describe("own dev set (tests/unit/pii/devset)", () => {
  const file = path.resolve(import.meta.dirname, "devset/devset.txt");
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
  const STRUCTURED = new Set(["NATIONAL_ID", "US_SSN", "IBAN", "PHONE", "HANDLE", "EMAIL"]);
  it("catches every structured identifier it marks", () => {
    const missed: string[] = [];
    for (const line of lines) {
      const { text, spans } = parseMarked(line.replace(/\\n/g, "\n"));
      const r = redact(text);
      for (const s of spans.filter((s) => STRUCTURED.has(s.type)))
        if (!r.findings.some((f) => f.type === s.type && f.start <= s.start && f.end >= s.end))
          missed.push(`${s.type} ${text.slice(s.start, s.end)}`);
    }
    expect(missed).toEqual([]);
  });
});
