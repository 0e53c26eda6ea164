import { describe, expect, it } from "vitest";
import { redact } from "@/lib/pii";
import { findDatesOfBirth } from "@/lib/pii/recognizers/date-of-birth";
import { findStreetAddresses } from "@/lib/pii/recognizers/street-address";

// Issue 16, "prompts without personal data stay untouched": prose the street-address recognizer took
// for an address. Each row stands for a class of text; the second table keeps the addresses each
// rule must still catch.
const addresses = (text: string) => findStreetAddresses(text).map((c) => text.slice(c.start, c.end));
const redactedAddresses = (text: string) =>
  redact(text)
    .findings.filter((f) => f.type === "STREET_ADDRESS")
    .map((f) => text.slice(f.start, f.end));

describe("prose that is no street address", () => {
  it.each([
    // A word that merely ends in a glued street word (…ring, …tie, …gate): an everyday English word.
    "It happened during 1998",
    "built during 2019",
    "During 1984, The Vanguard Group invested heavily in new microprocessor designs.",
    "the string 5",
    "The spring 2020 collection",
    "Delegate 3 tasks to the team",
    // A bare street word ("tie", "ring", "gate") with no name before it.
    "a tie 3",
    "Use a ring 4 mm wide",
    "Boarding at Departure Gate 12 starts soon.",
    // A month and a day, or a weekday: a date whose year reads like a postcode.
    "Sat Jan 01 2000 05:00:00 GMT",
    "//  Sat Jan 01 2000 21:00:00 GMT+0900",
    "Aug 25, 2024",
    "Oct 14, 2019",
    "Released on 14 Oct 2019, Paris",
    // A function word that no street name holds.
    "-1 to run a fast core",
    "status 0 at some point",
    "ufw: allow from 203.0.113.219 to any port 5432, but why?",
    "// convert an ASN.1 SubjectPublicKeyInfo to a Forge public key",
    // A number that is part of a name ("SHA-1") is no house number.
    "SHA-1 RSAPublicKey public key",
    // A headline in Title Case: a function word capitalised inside the name.
    "Top 10 Hidden Gems Of Central Park",
    "5 Things To Do In Hyde Park This Summer",
  ])("no STREET_ADDRESS in %j", (text) => {
    expect(addresses(text)).toEqual([]);
    expect(redactedAddresses(text)).toEqual([]);
  });
});

describe("street addresses still caught", () => {
  it.each([
    ["Hauptstraße 5", "Hauptstraße 5"],
    ["hauptstraße 5, Berlin", "hauptstraße 5, Berlin"],
    ["Hammarvägen 15", "Hammarvägen 15"],
    ["Karl Johans gate 31", "Johans gate 31"],
    ["Rue de Virton 38", "Rue de Virton 38"],
    ["12 Main St", "12 Main St"],
    ["12 main st", "12 main st"],
    ["221B Baker Street", "221B Baker Street"],
    ["Via Roma 131", "Via Roma 131"],
    ["Bahnhofweg 12", "Bahnhofweg 12"],
    ["Kaiser-Wilhelm-Ring 5", "Kaiser-Wilhelm-Ring 5"],
    ["Martin-Luther-King-Straße 9", "Martin-Luther-King-Straße 9"],
    ["Koskikatu 4", "Koskikatu 4"],
    ["Storgata 5", "Storgata 5"],
    ["He lives at Rahu 37, Tallinn", "Rahu 37, Tallinn"],
    ["Dalmatinova 43 Apt. 678", "Dalmatinova 43 Apt. 678"],
    ["Courier it to A-12 Green Park, New Delhi 110016", "12 Green Park, New Delhi 110016"],
    ["The letter arrived at 760 Passauer Strasse 33, Cite Guedouala, Tunisia", "760 Passauer Strasse 33, Cite Guedouala, Tunisia"],
    ["current address 1187 Maple Ridge Dr, Apt 3B, Columbus, OH 43215. What", "1187 Maple Ridge Dr, Apt 3B, Columbus, OH 43215"],
    ["Confirm the viewing of Flat 2/1, 47 Hyndland Road, Glasgow G12 9UP on Thursday", "Flat 2/1, 47 Hyndland Road, Glasgow G12 9UP"],
    ["Envoyez-la au 5 place Bellecour, 69002 Lyon", "5 place Bellecour, 69002 Lyon"],
    ["in Japanese order: Sato Yui, 3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001, +81 3", "3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001"],
    ["I live at 12 The Green, Oxford", "12 The Green, Oxford"],
    ["Looking to support Factset in Bjert 6091 in its mission", "Bjert 6091"],
    // A Title Case street name with a lower-case function word, or one opening it.
    ["Send it to 1 Isle of Dogs Road, London", "1 Isle of Dogs Road, London"],
    // Particles between the name's words.
    ["I now live in 6570 Jiřího z Poděbrad 1874 since May.", "6570 Jiřího z Poděbrad 1874"],
    // A preposition or an article before a glued street word is no part of the street.
    ["The title refers to Loorenstrasse 149 street in Zürich.", "Loorenstrasse 149"],
    ["Ich wohne in der Hauptstraße 5.", "Hauptstraße 5"],
    ["Meet me at Alte Hauptstraße 5.", "Alte Hauptstraße 5"],
    // In lower-case text the town is lower case too; before, only a prose stretch after the postcode was taken.
    ["looking to support foursquare in barra de carrasco 15000 in its mission", "barra de carrasco 15000"],
  ])("finds %j", (text, expected) => {
    expect(addresses(text)).toContain(expected);
  });

  it("an address whose every digit went to a phone number was no address: the name it held is a name", () => {
    expect(redact("Call Anna 555 0100 tomorrow.").redacted).toBe("Call <PERSON_1> <PHONE_1> tomorrow.");
  });
});

// Birth wording in other languages was built partly from plain template literals, whose "\p{L}" lost
// its backslash: "nar." then matched inside "narrow", and an "n" or "p" between the word and the
// date (as in "nacido en Madrid el") broke the match.
describe("birth wording in other languages", () => {
  const births = (text: string) => findDatesOfBirth(text).map((c) => text.slice(c.start, c.end));
  it("is a whole word", () => {
    expect(births("I was born in Paris. The narrow road closed 12/05/1990")).toEqual([]);
  });
  it.each([
    ["nacido en Madrid el 12/05/1990", "12/05/1990"],
    ["Ona urodzona w Poznaniu 12.05.1990", "12.05.1990"],
    ["narozena v Praze 12.05.1990", "12.05.1990"],
    ["Иванов, д. р. 14.06.1983", "14.06.1983"],
    ["szül. 1979.05.08", "1979.05.08"],
  ])("still reads %j as a birth", (text, expected) => {
    expect(births(text)).toEqual([expected]);
  });
});
