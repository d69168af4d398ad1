import { decode, encode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { createSessionTokenDecoder } from "@/server/auth/decode-session-token";

const SECRET = "a-test-secret-that-is-at-least-32-characters-long";
const SALT = "authjs.session-token";
const claims = { sub: "user-1", name: "Harry", kind: "guest", sessionVersion: 3 };

describe("decoding a session token with the key derived once", () => {
  it("reads what Auth.js's encode wrote, exactly as Auth.js's decode does, again and again", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: SALT });
    const decodeToken = createSessionTokenDecoder(SECRET);
    const ours = await decodeToken(token, SALT);
    expect(ours).toEqual(await decode({ token, secret: SECRET, salt: SALT }));
    expect(ours).toMatchObject(claims);
    expect(await decodeToken(token, SALT)).toEqual(ours);
  });

  it("finds the key by its id among several secrets, as Auth.js does when a secret is rotated", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: SALT });
    expect(await createSessionTokenDecoder(["a-newer-secret-that-is-also-32-characters-long", SECRET])(token, SALT)).toMatchObject(claims);
  });

  it("refuses a token made with another secret, for another cookie name, tampered with, or expired", async () => {
    const decodeToken = createSessionTokenDecoder(SECRET);
    const token = await encode({ token: claims, secret: SECRET, salt: SALT });
    await expect(decodeToken(await encode({ token: claims, secret: "another-secret-that-is-at-least-32-characters", salt: SALT }), SALT)).rejects.toThrow();
    await expect(decodeToken(token, "__Secure-authjs.session-token")).rejects.toThrow();
    const [header, key, iv, body, tag] = token.split(".");
    const flipped = body!.slice(0, -2) + (body!.at(-2) === "A" ? "B" : "A") + body!.at(-1);
    await expect(decodeToken([header, key, iv, flipped, tag].join("."), SALT)).rejects.toThrow();
    const expired = await encode({ token: claims, secret: SECRET, salt: SALT, maxAge: -60 });
    await expect(decodeToken(expired, SALT)).rejects.toThrow(/exp/);
  });

  it("refuses an altered authentication tag or header, and a token used before its time", async () => {
    const decodeToken = createSessionTokenDecoder(SECRET);
    const token = await encode({ token: claims, secret: SECRET, salt: SALT });
    const [header, key, iv, body, tag] = token.split(".") as [string, string, string, string, string];
    const flippedTag = tag.slice(0, -2) + (tag.at(-2) === "A" ? "B" : "A") + tag.at(-1);
    await expect(decodeToken([header, key, iv, body, flippedTag].join("."), SALT)).rejects.toThrow();
    const otherHeader = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, "base64url").toString()), extra: 1 })).toString("base64url");
    await expect(decodeToken([otherHeader, key, iv, body, tag].join("."), SALT)).rejects.toThrow();
    await expect(decodeToken(token.split(".").slice(0, 4).join("."), SALT)).rejects.toThrow();
    const early = await encode({ token: { ...claims, nbf: Math.floor(Date.now() / 1000) + 3600 }, secret: SECRET, salt: SALT });
    await expect(decodeToken(early, SALT)).rejects.toThrow(/nbf/);
    await expect(decode({ token: early, secret: SECRET, salt: SALT })).rejects.toThrow(/nbf/);
  });
});
