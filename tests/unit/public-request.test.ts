import { describe, expect, it } from "vitest";
import { publicRequest } from "@/server/auth/public-request";

const at = (url: string, headers: Record<string, string>) => new Request(url, { headers });

describe("publicRequest", () => {
  it("takes the browser's Host over the listening address", () => {
    const request = publicRequest(at("http://0.0.0.0:3000/api/auth/session?x=1", { host: "localhost:3000" }), undefined);
    expect(request.url).toBe("http://localhost:3000/api/auth/session?x=1");
  });

  it("follows a proxy's forwarded host and protocol", () => {
    const request = publicRequest(
      at("http://0.0.0.0:3000/api/auth/signin", { host: "10.0.0.5:3000", "x-forwarded-host": "party.example.com", "x-forwarded-proto": "https" }),
      undefined,
    );
    expect(request.url).toBe("https://party.example.com/api/auth/signin");
  });

  it("lets AUTH_URL decide when it is set, and keeps method and body", async () => {
    const request = publicRequest(
      new Request("http://0.0.0.0:3000/api/auth/callback/guest", { method: "POST", body: "displayName=Q", headers: { host: "evil.example" } }),
      "https://ballard.example/",
    );
    expect(request.url).toBe("https://ballard.example/api/auth/callback/guest");
    expect(request.method).toBe("POST");
    expect(await request.text()).toBe("displayName=Q");
  });
});
