import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkRevocationKey } from "@/server/cluster/cluster-keys";
import type { ExtensionLinkGrant } from "@/server/extension/link-extension.types";
import { LINK_TOKEN_TTL_MS } from "@/server/extension/link-token";
import { clusterTier } from "../support/cluster-tier";
import { call } from "../support/socket-calls";
import { connected, startTestApp, type TestApp, type TestClient } from "../support/test-app";

/** An unlink on one process voids the extension's tokens on every process (the revocations live in Redis). */
describe.skipIf(!clusterTier)("the extension link across two processes", () => {
  let app: TestApp;
  let second: Awaited<ReturnType<TestApp["startInstance"]>>;
  const EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

  beforeAll(async () => {
    app = await startTestApp({ kind: "postgres", redis: true });
    second = await app.startInstance();
  });
  afterAll(() => app.close());

  const extensionOn = (server: Pick<TestApp, "connect">, token: string): TestClient =>
    server.connect(undefined, { headers: { origin: EXTENSION_ORIGIN }, auth: { extensionToken: token } });
  const handshakeRefusal = (client: TestClient) =>
    new Promise<string>((resolve) => client.once("connect_error", (err) => resolve((err as Error & { data?: { code: string } }).data?.code ?? err.message)));

  it("refuses on the second process a token unlinked on the first, renewed ones too, and closes its connection there", async () => {
    const cookie = await app.signInAsMember("Unlinks on one");
    const host = (await app.context.getSessionUser(cookie))!;
    const party = await app.newParty(host.id);
    const response = await fetch(`${app.url}/api/parties/${party.id}/extension-token`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: app.url },
      body: "{}",
    });
    expect(response.status).toBe(200);
    const grant = (await response.json()) as ExtensionLinkGrant;

    const onOne = extensionOn(app, grant.token);
    const onTwo = extensionOn(second, grant.token);
    await Promise.all([connected(onOne), connected(onTwo)]);
    const renewed = ((await call(onTwo, "extension:renew", { token: grant.token })) as { data: { token: string } }).data.token;
    const closedOnTwo = new Promise((resolve) => onTwo.once("disconnect", resolve));
    expect(await call(onOne, "extension:unlink", {})).toMatchObject({ ok: true, data: { unlinked: true } });
    await closedOnTwo;

    for (const token of [grant.token, renewed]) expect(await handshakeRefusal(extensionOn(second, token))).toBe("UNAUTHENTICATED");
    // Kept in Redis (under the run's key prefix) only while a token issued before it could be unexpired.
    const keptMs = await second.context.cluster!.state.pttl(linkRevocationKey(host.id, party.id));
    expect(keptMs).toBeGreaterThan(0);
    expect(keptMs).toBeLessThanOrEqual(LINK_TOKEN_TTL_MS);
  });
});
