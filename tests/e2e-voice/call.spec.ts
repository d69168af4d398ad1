import { expect, test, type WebSocketRoute } from "@playwright/test";
import { MESH_LIMIT } from "@/server/realtime/handlers/call-handlers";
import {
  createParty,
  expectConnected,
  expectNoSeriousA11yViolations,
  guestFrom,
  HEAR_WITHIN_MS,
  heardEnergy,
  joinCall,
  machineAddresses,
  memberIn,
  recordPeerConnections,
  reportingCallState,
  selectedCandidates,
  SILENCE_RMS,
  subscribeWithoutOwnSeat,
  videoBrightness,
} from "./call-browser";

// Each test's pages stay in their call (beeping, cameras on) until their contexts close: closed after every test, so
// one test's calls do not load the machine under the next (three live calls had made CI's fourth test time out).
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
});

test("two people join a call: nobody is on it before pressing Join, each hears the other's beep and sees a camera that is not black", async ({ browser }, info) => {
  const host = await memberIn(browser, "Hana Host");
  await recordPeerConnections(host);
  const partyId = await createParty(host, "Call of two");
  const guest = await guestFrom(browser, "Gus Guest");
  await host.goto(`/parties/${partyId}/room`);
  await guest.goto(`/parties/${partyId}/room`);
  // In the room, not on the call: no tiles, no microphone asked for.
  await expect(host.getByTestId("call-panel")).toContainText("nobody hears or sees you until you join");
  await expect(host.getByRole("list", { name: "People in the call" })).toHaveCount(0);

  await joinCall(host, partyId, 0);
  await joinCall(guest, partyId, 1);
  await expectConnected(host, 1);
  await host.getByRole("button", { name: "Camera on" }).click();
  await guest.getByRole("button", { name: "Camera on" }).click();
  await expect(host.getByTestId("call-video")).toHaveCount(2);
  await expect(guest.getByTestId("call-video")).toHaveCount(2);

  for (const [page, other] of [[host, "Gus Guest"], [guest, "Hana Host"]] as const) {
    const energy = await heardEnergy(page, HEAR_WITHIN_MS, SILENCE_RMS);
    expect(energy[other]).toBeGreaterThan(SILENCE_RMS);
    await expect.poll(async () => (await videoBrightness(page))[other] ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
  }
  // Media stayed on this machine: the pages signalled only 127.0.0.1 candidates. Chromium still sends from any of its own
  // addresses, and a check from one that was not signalled is a peer-reflexive candidate whose address its stats hide ("").
  const pairs = await selectedCandidates(host);
  expect(pairs.length).toBeGreaterThan(0);
  for (const c of pairs) {
    expect(machineAddresses()).toContain(c.address);
    if (c.remote !== "") expect(machineAddresses()).toContain(c.remote);
  }
  // Talking shows on the talker's tile (the fake microphone beeps every second).
  await expect(host.locator('[data-testid="call-tile"][data-name="Gus Guest"][data-speaking="true"]')).toHaveCount(1, { timeout: 15_000 });

  // Mute: the other side hears silence.
  await guest.getByRole("button", { name: "Mute", exact: true }).click();
  await expect(host.getByTestId("call-tile").filter({ hasText: "Gus Guest" })).toContainText("muted");
  await host.waitForTimeout(500);
  expect((await heardEnergy(host))["Gus Guest"]).toBeLessThan(SILENCE_RMS);

  await expectNoSeriousA11yViolations(host);
  for (const width of [375, 1280]) {
    await host.setViewportSize({ width, height: 900 });
    // On a phone the call is in the People tab (only the clock sits above the tabs).
    if (width < 1024) await host.getByRole("tab", { name: /^People/ }).click();
    await host.screenshot({ path: info.outputPath(`call-${width}.png`), fullPage: false });
    // The call card is in the page's flow, below the clock: it never covers it.
    const clock = await host.getByTestId("timecode").boundingBox();
    const card = await host.getByTestId("call-panel").boundingBox();
    expect(clock && card && card.y >= clock.y + clock.height - 1).toBe(true);
  }

  await guest.getByRole("button", { name: "Leave call" }).click();
  await expectConnected(host, 0);
});

test("relay only: with 'Relay my calls' both sides go through coturn on 127.0.0.1 and still hear each other", async ({ browser }) => {
  const host = await memberIn(browser, "Rita Relay");
  await recordPeerConnections(host);
  const partyId = await createParty(host, "Relayed call");
  const guest = await guestFrom(browser, "Rex Relay");
  for (const page of [host, guest]) {
    await page.goto(`/parties/${partyId}/room`);
    await page.getByText("Call settings").click();
    await page.getByLabel(/Relay my calls/).check();
  }
  await joinCall(host, partyId, 0);
  await joinCall(guest, partyId, 1);
  await expectConnected(host, 1);
  const selected = await selectedCandidates(host);
  expect(selected.length).toBeGreaterThan(0);
  for (const c of selected) expect(c).toEqual({ type: "relay", address: "127.0.0.1", remote: "127.0.0.1" });
  expect((await heardEnergy(host, HEAR_WITHIN_MS, SILENCE_RMS))["Rex Relay"]).toBeGreaterThan(SILENCE_RMS);
  expect((await heardEnergy(guest, HEAR_WITHIN_MS, SILENCE_RMS))["Rita Relay"]).toBeGreaterThan(SILENCE_RMS);
});

test("a dropped room connection does not end the call: the page rejoins it on its own and the two hear each other again", async ({ browser }) => {
  const host = await memberIn(browser, "Dee Dropped");
  // The page's room connection goes through the test, which cuts it the way a network blip would.
  const links: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
  await host.routeWebSocket(/\/socket\.io\//, (ws) => {
    links.push({ page: ws, server: ws.connectToServer() });
  });
  const partyId = await createParty(host, "Blip party");
  const guest = await guestFrom(browser, "Gil Steady");
  await joinCall(host, partyId, 0);
  await joinCall(guest, partyId, 1);
  expect((await heardEnergy(guest, HEAR_WITHIN_MS, SILENCE_RMS))["Dee Dropped"]).toBeGreaterThan(SILENCE_RMS);

  const cut = links.at(-1)!;
  await cut.server.close();
  await cut.page.close({ code: 4000, reason: "network blip" });
  await expect(host.getByTestId("call-status")).toContainText("Rejoining the call");
  await expect.poll(() => links.length).toBeGreaterThan(1);
  await expectConnected(host, 1);
  await expectConnected(guest, 1);
  await expect(host.getByTestId("call-problem")).toHaveCount(0);
  expect((await heardEnergy(guest, HEAR_WITHIN_MS, SILENCE_RMS))["Dee Dropped"]).toBeGreaterThan(SILENCE_RMS);
  expect((await heardEnergy(host, HEAR_WITHIN_MS, SILENCE_RMS))["Gil Steady"]).toBeGreaterThan(SILENCE_RMS);
});

test("a host mutes a person (silenced within 1 s, cannot unmute), removes another (out within 1 s, cannot rejoin), and turns the call off", async ({ browser }) => {
  const host = await memberIn(browser, "Holly Host");
  const partyId = await createParty(host, "Hosted call");
  const ann = await guestFrom(browser, "Ann Talker");
  const bob = await guestFrom(browser, "Bob Troll");
  await joinCall(host, partyId, 0);
  await joinCall(ann, partyId, 1);
  await joinCall(bob, partyId, 2);
  await expectConnected(host, 2);
  expect((await heardEnergy(host, HEAR_WITHIN_MS, SILENCE_RMS))["Ann Talker"]).toBeGreaterThan(SILENCE_RMS);

  await host.getByRole("button", { name: "Mute Ann Talker in the call" }).click();
  await expect(ann.getByTestId("call-status")).toContainText("muted you", { timeout: 1000 });
  await expect(host.getByTestId("call-tile").filter({ hasText: "Ann Talker" })).toContainText("muted by a host", { timeout: 1000 });
  // Ann's own page has switched her microphone off; what was already on its way (the jitter buffer) plays out first.
  await expect(ann.getByRole("button", { name: "Unmute" })).toBeVisible({ timeout: 1000 });
  await host.waitForTimeout(500);
  expect((await heardEnergy(host, 1500))["Ann Talker"]).toBeLessThan(SILENCE_RMS);
  await ann.getByRole("button", { name: "Unmute" }).click();
  await expect(ann.getByTestId("call-problem")).toContainText("A host muted you");

  await host.getByRole("button", { name: "Remove Bob Troll from the call" }).click();
  await expect(bob.getByTestId("call-status")).toContainText("removed you from the call", { timeout: 1000 });
  await expectConnected(host, 1);
  await bob.getByRole("button", { name: "Join call" }).click();
  await expect(bob.getByTestId("call-status")).toContainText("A host removed you");

  await host.getByRole("button", { name: "Turn the call off for everyone" }).click();
  await expect(ann.getByTestId("call-status")).toContainText("turned the call off", { timeout: 1000 });
  await expect(ann.getByRole("button", { name: "Join call" })).toBeDisabled();
});

test("a host makes a three-person call large: Janus carries the voices and a camera, a subscription needs a seat of one's own, and a removed person is out within 1 s", async ({ browser }) => {
  const host = await memberIn(browser, "Lena Host");
  await recordPeerConnections(host);
  const partyId = await createParty(host, "Large by choice");
  const ann = await guestFrom(browser, "Ann Camera");
  const bob = await guestFrom(browser, "Bob Viewer");
  const people = [host, ann, bob];
  await reportingCallState(people, async () => {
    await joinCall(host, partyId, 0);
    await host.getByRole("button", { name: "Make it a large call" }).click();
    await expect(host.locator('audio[data-testid="call-audio"][data-name="Everyone"]')).toHaveCount(1, { timeout: 30_000 });
    await joinCall(ann, partyId, 1);
    await joinCall(bob, partyId, 2);
    for (const page of people) {
      await expectConnected(page, 2);
      // One stream down whatever the size: Janus's mix of everyone else.
      await expect(page.locator('audio[data-testid="call-audio"]')).toHaveCount(1);
    }
    for (const [i, page] of people.entries()) expect((await heardEnergy(page, HEAR_WITHIN_MS, SILENCE_RMS))["Everyone"], `page ${i + 1} hears the mix`).toBeGreaterThan(SILENCE_RMS);

    await ann.getByRole("button", { name: "Camera on" }).click();
    await expect.poll(async () => (await videoBrightness(bob))["Ann Camera"] ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);
    // Bob's page watches Ann's camera with its own seat's private id; with only its token, Janus refuses it, so a kick
    // (which ends the subscriptions of the kicked person's seat) leaves a page nothing to keep watching with.
    expect(await subscribeWithoutOwnSeat(bob, "Ann Camera")).toContain("requires a valid private_id");

    await host.getByRole("button", { name: "Remove Bob Viewer from the call" }).click();
    await expect(bob.getByTestId("call-status")).toContainText("removed you from the call", { timeout: 1000 });
    await expect(bob.getByTestId("call-video")).toHaveCount(0);
    await expectConnected(host, 1);
    await bob.getByRole("button", { name: "Join call" }).click();
    await expect(bob.getByTestId("call-status")).toContainText("A host removed you");
  });
});

test(`${MESH_LIMIT} people in a mesh hear every other one; a seventh moves the call to Janus, where all ${MESH_LIMIT + 1} hear the mix, a camera shows, and a host's mute takes effect within 1 s`, async ({ browser }) => {
  // FIXME (issue 26): since v34's changes (cameras asked for 480×270 at 15 frames/s and capped per connection, a
  // removed page drawing its view before it closes its connections and stops its devices, call:host reading the
  // party and the call's rules at once) it passed 3 of 5 runs on one process (2026-12-08, 2.5–3.8 min, load 0.5–12 at
  // the start and 20–36 at the end). Both failures: a host's word (a mute once, a removal once) reached the pages
  // 1.0–1.5 s after the host's page sent it, then showed within 0.1 s. In two runs with the server's handler timed, it
  // took 2–200 ms from the event to the broadcast, and the word left the host's page 0.02–0.74 s before the handler
  // began: the time goes in the starved sending page, Chromium's network service (which also carries every page's
  // RTP) and the Node process's turn for a core, not in a read. Not yet run through the cluster since v33 (it failed
  // its one run there, at the seventh's sign-in, since moved before the mesh). `E2E_SEVEN=1` runs it.
  if (!process.env.E2E_SEVEN) test.fixme(true, "the seven-person move to Janus: passes 3 of 5 on this 2-core machine (issue 26)");
  test.setTimeout(600_000);
  const host = await memberIn(browser, "Person 1");
  await recordPeerConnections(host);
  const partyId = await createParty(host, "Full mesh");
  const people = [host];
  for (let i = 2; i <= MESH_LIMIT; i++) people.push(await guestFrom(browser, `Person ${i}`));
  // The seventh signs in now, before the six-person mesh takes both cores: signing in then, its form once stayed
  // disabled (no CSRF token yet) past its 10 s.
  const seventh = await guestFrom(browser, `Person ${MESH_LIMIT + 1}`);
  // A failing step prints what every page shows of the call.
  await reportingCallState(people, async () => {
    for (const [i, page] of people.entries()) await joinCall(page, partyId, i);
    for (const page of people) await expectConnected(page, MESH_LIMIT - 1);
    for (const [i, page] of people.entries()) {
      const energy = await heardEnergy(page, HEAR_WITHIN_MS, SILENCE_RMS);
      for (let j = 1; j <= MESH_LIMIT; j++) if (j !== i + 1) expect(energy[`Person ${j}`], `Person ${i + 1} hears Person ${j}`).toBeGreaterThan(SILENCE_RMS);
    }

    // A seventh: the call moves to Janus's AudioBridge (everyone joins again there, through the app's origin).
    people.push(seventh);
    await joinCall(seventh, partyId, MESH_LIMIT);
    for (const page of people) {
      await expectConnected(page, MESH_LIMIT);
      await expect(page.locator('audio[data-testid="call-audio"]')).toHaveCount(1);
    }
    // Each hears the others' beeps, mixed by Janus.
    for (const [i, page] of people.entries()) expect((await heardEnergy(page))["Everyone"], `Person ${i + 1} hears the mix`).toBeGreaterThan(SILENCE_RMS);
    // A camera through Janus's VideoRoom: the others see its frames, not black.
    await people[2]!.getByRole("button", { name: "Camera on" }).click();
    await expect(host.getByTestId("call-video")).toHaveCount(1, { timeout: 15_000 });
    await expect.poll(async () => (await videoBrightness(host))["Person 3"] ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);
    // The pages' peer connections now go to Janus, on 127.0.0.1.
    const pairs = await selectedCandidates(host);
    expect(pairs.length).toBeGreaterThan(0);
    for (const c of pairs) expect(machineAddresses()).toContain(c.address);

    // A host's mute reaches the person within 1 s (Janus mutes them in the mix too).
    await host.getByRole("button", { name: `Mute Person ${MESH_LIMIT + 1} in the call` }).click();
    await expect(seventh.getByTestId("call-status")).toContainText("muted you", { timeout: 1000 });
    await expect(host.getByTestId("call-tile").filter({ hasText: `Person ${MESH_LIMIT + 1}` })).toContainText("muted by a host", { timeout: 1000 });
    await seventh.getByRole("button", { name: "Unmute" }).click();
    await expect(seventh.getByTestId("call-problem")).toContainText("A host muted you");

    // Removed: out within 1 s, and neither the call nor Janus lets them back.
    await host.getByRole("button", { name: "Remove Person 2 from the call" }).click();
    await expect(people[1]!.getByTestId("call-status")).toContainText("removed you from the call", { timeout: 1000 });
    await expectConnected(host, MESH_LIMIT - 1);
    await people[1]!.getByRole("button", { name: "Join call" }).click();
    await expect(people[1]!.getByTestId("call-status")).toContainText("A host removed you");
  });
});
