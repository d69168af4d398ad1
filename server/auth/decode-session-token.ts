import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

/** Auth.js's session token: direct encryption with a key derived from the secret (@auth/core/jwt). */
const KEY_MANAGEMENT = "dir";
const CONTENT_ENCRYPTION = ["A256CBC-HS512", "A256GCM"];
const KEY_BYTES: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };

interface DerivedKey {
  key: Uint8Array;
  /** Auth.js names the key in the token's header by its JWK thumbprint. */
  kid: string;
}

/**
 * Auth.js's `decode` for session tokens with its key derivation done once per
 * secret, cookie name and algorithm instead of on every read: the same HKDF
 * (sha256, the cookie name as salt and in the info string), the same key
 * selection by `kid`, and the same `jwtDecrypt` checks (algorithms, 15 s clock
 * tolerance, expiry). Deriving and fingerprinting the key was about a third
 * of a handshake's decryption (docs/performance.md, joins).
 */
export function createSessionTokenDecoder(secret: string | string[]): (token: string, salt: string) => Promise<JWTPayload> {
  const secrets = Array.isArray(secret) ? secret : [secret];
  const derived = new Map<string, Promise<DerivedKey[]>>();

  function keysFor(enc: string, salt: string): Promise<DerivedKey[]> {
    const length = KEY_BYTES[enc];
    if (!length) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
    const id = `${enc}\0${salt}`;
    let keys = derived.get(id);
    if (!keys) {
      keys = Promise.all(
        secrets.map(async (material) => {
          const key = new Uint8Array(hkdfSync("sha256", material, salt, `Auth.js Generated Encryption Key (${salt})`, length));
          return { key, kid: await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${length << 3}` as "sha256" | "sha512") };
        }),
      );
      derived.set(id, keys);
    }
    return keys;
  }

  return async (token, salt) => {
    const { payload } = await jwtDecrypt(
      token,
      async ({ kid, enc }) => {
        const keys = await keysFor(enc, salt);
        const found = kid === undefined ? keys[0] : keys.find((k) => k.kid === kid);
        if (!found) throw new Error("no matching decryption secret");
        return found.key;
      },
      { clockTolerance: 15, keyManagementAlgorithms: [KEY_MANAGEMENT], contentEncryptionAlgorithms: CONTENT_ENCRYPTION },
    );
    return payload;
  };
}
