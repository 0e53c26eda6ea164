import isIP from "validator/lib/isIP.js";
import { contextBefore, digitFacts } from "../text";
import type { Candidate } from "../types";

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`(?<![\\p{N}\\p{L}.])${OCTET}(?:\\.${OCTET}){3}(?![\\p{N}\\p{L}]|\\.\\d)`, "gu");
const IPV6 =
  /(?<![\p{L}\p{N}:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?:%[\p{L}\p{N}]+)?(?![\p{L}\p{N}:])/gu;
const VERSION_CONTEXT = /(\bv(ersion)?\.?\s*|\brelease\s*|\bbuild\s*|\bnode\s*|\bpython\s*)$/i;
const IP_CONTEXT = /\b(ip|ips|ipv4|ipv6|address|host|server|client|gateway|dns|router|ping|ssh|proxy|subnet)\b/i;

/**
 * Whether two colons stand at most four hex digits apart ("fe80::", "db8:85a3:"), as the first two
 * groups of every IPv6 match do: a quarter of the dev set's texts with two colons (times, labels,
 * URLs), where the pattern's scan was skipped only for texts with fewer than two.
 */
function colonsAroundHexGroup(text: string): boolean {
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) {
    for (let k = i + 1; k <= i + 5 && k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 58) return true;
      if (!isHexDigit(c)) break;
    }
  }
  return false;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** IPv4 and IPv6 addresses, validated by validator's isIP; dotted version numbers are left alone. */
export function findIpAddresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  // IPv4 needs dotted digits; IPv6 two colons close together.
  if (digitFacts(text).dotBetweenDigits) {
    // exec, not matchAll, which copies the pattern on every call.
    IPV4.lastIndex = 0;
    for (let m = IPV4.exec(text); m; m = IPV4.exec(text)) {
      if (contextBefore(text, m.index, VERSION_CONTEXT, 12)) continue;
      // Netmasks, the unspecified address, loopback (every machine is 127.0.0.1) and link-local
      // addresses (169.254.169.254 is every cloud VM's metadata service) identify no one.
      if (/^(?:255|127)\.|^169\.254\./.test(m[0]) || m[0] === "0.0.0.0") continue;
      const confidence = contextBefore(text, m.index, IP_CONTEXT, 50) ? 0.97 : 0.85;
      out.push({ type: "IP_ADDRESS", start: m.index, end: m.index + m[0].length, confidence });
    }
  }
  if (colonsAroundHexGroup(text)) {
    IPV6.lastIndex = 0;
    for (let m = IPV6.exec(text); m; m = IPV6.exec(text)) {
      let value = m[0];
      // A trailing colon belongs to the sentence ("at fe80::1:"), unless it is part of "::".
      if (value.endsWith(":") && !value.endsWith("::")) value = value.slice(0, -1);
      const groups = value.split(":").filter((g) => g.length > 0);
      if (!isIP(value.replace(/%.*$/, ""), 6)) continue;
      // "::" and "::1" (loopback) identify no one; short hex-word pairs like "ab::cd" are too often code.
      if (groups.length < 3 && !value.includes(".")) continue;
      if (!/\d/.test(value)) continue;
      // Above an IPv4 match's confidence, so that "::ffff:192.0.2.1" is taken whole, not its tail.
      out.push({ type: "IP_ADDRESS", start: m.index, end: m.index + value.length, confidence: 0.98 });
    }
  }
  return out;
}
