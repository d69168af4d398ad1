import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

/** Auth.js's session token: direct encryption with a key derived from the secret (@auth/core/jwt). */
const KEY_MANAGEMENT = "dir";
const CONTENT_ENCRYPTION = ["A256CBC-HS512", "A256GCM"];
const KEY_BYTES: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };
/** jwtDecrypt's clock tolerance as Auth.js's decode passes it (seconds). */
const CLOCK_TOLERANCE_S = 15;

interface DerivedKey {
  key: Uint8Array;
  /** Auth.js names the key in the token's header by its JWK thumbprint. */
  kid: string;
}

/** RFC 7638's thumbprint of a symmetric JWK (what jose's calculateJwkThumbprint computes for `{ kty: "oct", k }`). */
function thumbprint(key: Uint8Array, bits: 256 | 512): string {
  const jwk = JSON.stringify({ k: Buffer.from(key).toString("base64url"), kty: "oct" });
  return createHash(`sha${bits}`).update(jwk).digest("base64url");
}

const fail = (message: string) => new Error(message);

/** jwtDecrypt's claim checks: a JSON object, numeric dates, not expired, not before its time (15 s tolerance). */
function checkClaims(plaintext: Buffer): JWTPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(plaintext.toString("utf8"));
  } catch {
    throw fail("JWT Claims Set must be a top-level JSON object");
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw fail("JWT Claims Set must be a top-level JSON object");
  const claims = payload as JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  for (const claim of ["iat", "nbf", "exp"] as const) {
    if (claims[claim] !== undefined && typeof claims[claim] !== "number") throw fail(`"${claim}" claim must be a number`);
  }
  if (claims.nbf !== undefined && claims.nbf > now + CLOCK_TOLERANCE_S) throw fail('"nbf" claim timestamp check failed');
  if (claims.exp !== undefined && claims.exp <= now - CLOCK_TOLERANCE_S) throw fail('"exp" claim timestamp check failed');
  return claims;
}

/**
 * Auth.js's `decode` for session tokens, with its key derivation done once per
 * secret, cookie name and algorithm instead of on every read: the same HKDF
 * (sha256, the cookie name as salt and in the info string), the same key
 * selection by `kid`, and the same checks as jose's `jwtDecrypt` (algorithms,
 * 15 s clock tolerance, expiry). The tokens Auth.js writes (A256CBC-HS512) are
 * decrypted synchronously with node:crypto: WebCrypto's asynchronous jobs cost
 * about a fifth of a join's CPU (docs/performance.md, joins); any other
 * content encryption goes through jose as before. The unit test holds it to
 * Auth.js's own encode and decode.
 */
export function createSessionTokenDecoder(secret: string | string[]): (token: string, salt: string) => Promise<JWTPayload> {
  const secrets = Array.isArray(secret) ? secret : [secret];
  const derived = new Map<string, DerivedKey[]>();

  function keysFor(enc: string, salt: string): DerivedKey[] {
    const length = KEY_BYTES[enc];
    if (!length) throw fail("Unsupported JWT Content Encryption Algorithm");
    const id = `${enc}\0${salt}`;
    let keys = derived.get(id);
    if (!keys) {
      keys = secrets.map((material) => {
        const key = new Uint8Array(hkdfSync("sha256", material, salt, `Auth.js Generated Encryption Key (${salt})`, length));
        return { key, kid: thumbprint(key, length === 64 ? 512 : 256) };
      });
      derived.set(id, keys);
    }
    return keys;
  }

  function keyFor(kid: unknown, enc: string, salt: string): Uint8Array {
    const keys = keysFor(enc, salt);
    const found = kid === undefined ? keys[0] : keys.find((k) => k.kid === kid);
    if (!found) throw fail("no matching decryption secret");
    return found.key;
  }

  /** RFC 7516 compact serialization, "dir" with A256CBC-HS512 (RFC 7518 §5.2). */
  function decryptCbcHs512(parts: string[], header: Record<string, unknown>, salt: string): JWTPayload {
    const [protectedHeader, encryptedKey, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
    if (encryptedKey !== "") throw fail("Encountered unexpected JWE Encrypted Key");
    const key = keyFor(header.kid, "A256CBC-HS512", salt);
    const iv = Buffer.from(ivText, "base64url");
    const ciphertext = Buffer.from(ciphertextText, "base64url");
    const tag = Buffer.from(tagText, "base64url");
    const aad = Buffer.from(protectedHeader, "ascii");
    const aadBits = Buffer.alloc(8);
    aadBits.writeBigUInt64BE(BigInt(aad.length) * 8n);
    const expected = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
    if (iv.length !== 16 || tag.length !== 32 || !timingSafeEqual(expected, tag)) throw fail("decryption operation failed");
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw fail("decryption operation failed");
    }
    return checkClaims(plaintext);
  }

  return async (token, salt) => {
    const parts = token.split(".");
    if (parts.length !== 5) throw fail("Invalid Compact JWE");
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw fail("Invalid JWE Protected Header");
    }
    if (!header || typeof header !== "object" || header.alg !== KEY_MANAGEMENT) throw fail('"alg" (Algorithm) Header Parameter value not allowed');
    if (header.enc === "A256CBC-HS512" && header.zip === undefined && header.crit === undefined) return decryptCbcHs512(parts, header, salt);
    // Anything else (A256GCM, or a header jose must judge): jose's own checks.
    const { payload } = await jwtDecrypt(token, ({ kid, enc }) => keyFor(kid, enc, salt), {
      clockTolerance: CLOCK_TOLERANCE_S,
      keyManagementAlgorithms: [KEY_MANAGEMENT],
      contentEncryptionAlgorithms: CONTENT_ENCRYPTION,
    });
    return payload;
  };
}
