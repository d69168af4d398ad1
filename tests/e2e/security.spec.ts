import { createReadStream } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { closeContexts, createParty, memberIn } from "./support";

// Every context a test opens is closed after it (tests/e2e/support.ts).
test.afterEach(closeContexts);

// The browser build of the client (not in the package's exports map).
const SOCKET_IO_CLIENT = path.resolve(import.meta.dirname, "../../node_modules/socket.io-client/dist/socket.io.min.js");

/**
 * Another site on another port of the same host (cookies are not separated by
 * port, and the two are "same-site"): one page auto-submits a text/plain form
 * that is valid JSON to cancel the victim's party, another opens Socket.IO.
 */
async function startAttacker(appOrigin: string, partyId: string): Promise<{ server: Server; origin: string }> {
  const form = `<!doctype html><html lang="en"><title>Win a prize</title><body>
    <form id="f" method="post" enctype="text/plain" action="${appOrigin}/api/parties/${partyId}/cancel">
      <input name='{"forged":"' value='"}'>
    </form>
    <script>document.getElementById("f").submit();</script></body></html>`;
  const socket = `<!doctype html><html lang="en"><title>Live chat</title><body><p id="result">pending</p>
    <script src="/socket.io.min.js"></script>
    <script>
      const s = io(${JSON.stringify(appOrigin)}, { reconnection: false });
      s.on("connect", () => { document.getElementById("result").textContent = "connected"; });
      s.on("connect_error", (e) => { document.getElementById("result").textContent = "refused: " + e.message; });
    </script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === "/socket.io.min.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      createReadStream(SOCKET_IO_CLIENT).pipe(res);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(req.url === "/socket" ? socket : form);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

/** Collects the Content-Security-Policy violations a page reports (console and events). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("a page on another port cannot cancel the signed-in victim's party nor open a socket as them", async ({ browser, baseURL }) => {
  const victim = await memberIn(browser, "Victim V");
  const partyId = await createParty(victim, "Not yours to cancel");
  const attacker = await startAttacker(baseURL!, partyId);
  try {
    await victim.goto(`${attacker.origin}/form`);
    await expect(victim).toHaveURL(new RegExp(`/api/parties/${partyId}/cancel$`));
    await expect(victim.locator("body")).toContainText("FORBIDDEN");

    await victim.goto(`${attacker.origin}/socket`);
    await expect(victim.locator("#result")).toContainText("refused");

    await victim.goto(`/parties/${partyId}`);
    await expect(victim.getByRole("heading", { name: "Not yours to cancel" })).toBeVisible();
    await expect(victim.getByTestId("cancelled")).toHaveCount(0);
  } finally {
    attacker.server.close();
  }
});

test("every page works under the Content-Security-Policy: no violation, the room connects, the local player loads", async ({ browser }) => {
  const host = await memberIn(browser, "Host CSP");
  const violations = watchCsp(host);
  const partyId = await createParty(host, "Policy night");

  for (const path of ["/", "/signin", "/signup", "/my", "/parties/new", `/parties/${partyId}`, `/parties/${partyId}/edit`, `/parties/${partyId}/trivia`, "/no-such-page"]) {
    const response = await host.goto(path);
    expect(response?.headers()["content-security-policy"]).toContain("'nonce-");
    await expect(host.locator("main")).toBeVisible();
    // Hydrated: the sign-out form got its CSRF token from a client component.
    await expect(host.getByRole("button", { name: "Sign out" })).toBeEnabled();
  }

  await host.goto(`/parties/${partyId}/room`);
  await expect(host.getByTestId("presence")).toContainText("Host CSP");
  await host.getByLabel("Video file").setInputFiles({ name: "episode.webm", mimeType: "video/webm", buffer: Buffer.from("not really a video") });
  await expect(host.locator("video")).toHaveAttribute("src", /^blob:/);
  await host.getByLabel("or a video address").fill("https://videos.example/episode.mp4");
  await host.getByRole("button", { name: "Play in sync" }).click();
  await expect(host.locator("video")).toHaveAttribute("src", "https://videos.example/episode.mp4");

  expect(violations).toEqual([]);
});
