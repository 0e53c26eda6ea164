import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

// Decoded session tokens by their text. next-auth derives the key (HKDF) and decrypts the token on
// every call, and getServerSession also derived it again to encrypt a fresh token that server code
// cannot set (HKDF alone was ~3% of the app's CPU in bench:labeling). A token decodes to the same claims every time, so its
// claims are kept (bounded, oldest out first); only a token that decrypted with our secret gets
// in, and its expiry is checked again on every use. Nothing here decides who may act: the person
// is read from the database on every request (readSessionPerson).
const DECODED_LIMIT = 10_000;
const decoded = new Map<string, JWT>();
const CLOCK_TOLERANCE_S = 15; // next-auth's own, for tokens it decodes

/** next-auth's decode, remembered per token: the same claims, with the expiry checked on every use. */
export async function decodeRemembered(params: JWTDecodeParams): Promise<JWT | null> {
  const token = params.token;
  if (!token) return null;
  const known = decoded.get(token);
  if (known) {
    if (typeof known.exp === "number" && known.exp + CLOCK_TOLERANCE_S > Date.now() / 1000) return known;
    decoded.delete(token);
    return null;
  }
  const claims = await decode(params);
  if (claims) {
    if (decoded.size >= DECODED_LIMIT) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, claims);
  }
  return claims;
}
