import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { createPrismaPartyRepository } from "@/server/parties/prisma-party-repository";
import type { PartyRepository } from "@/server/parties/party";
import { createPrismaUserRepository } from "@/server/users/prisma-user-repository";
import type { UserRepository } from "@/server/users/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../support/test-database";

describe.each(testDatabaseKinds())("party repository on the %s database", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let parties: PartyRepository;
  let users: UserRepository;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await testDb.open();
    parties = createPrismaPartyRepository(db.prisma);
    users = createPrismaUserRepository(db.prisma);
  });
  afterAll(() => testDb.destroy());

  async function newParty(capacity: number | null) {
    const host = await users.createGuest({ name: "Host" });
    return parties.create({
      title: "Race",
      description: "",
      hostId: host.id,
      startsAt: new Date(Date.now() + 86_400_000),
      timeZone: "UTC",
      episodePlan: "single",
      episodeFrom: 1,
      episodeTo: 1,
      episodeMinutes: 50,
      capacity,
      visibility: "public",
      inviteToken: `tok-${Math.random()}`,
    });
  }

  it("never lets more people in than the capacity, however many ask at once", async () => {
    const party = await newParty(5);
    const guests = await Promise.all(Array.from({ length: 20 }, (_, i) => users.createGuest({ name: `G${i}` })));
    const statuses = (await Promise.all(guests.map((g) => parties.setRsvp(party.id, g.id, "going")))).map((r) => r.status);
    // The host holds one of the five places.
    expect(statuses.filter((s) => s === "going")).toHaveLength(4);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(16);
    expect(await parties.counts(party.id)).toEqual({ going: 5, maybe: 0, notGoing: 0, waitlisted: 16 });
  });

  it("serves the waitlist in the order people asked, and says who moved up", async () => {
    const party = await newParty(2);
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => users.createGuest({ name })));
    await parties.setRsvp(party.id, a!.id, "going");
    expect((await parties.setRsvp(party.id, b!.id, "going")).status).toBe("waitlisted");
    await parties.setRsvp(party.id, c!.id, "going");
    expect(await parties.setRsvp(party.id, a!.id, "maybe")).toEqual({ status: "maybe", promoted: [b!.id] });
    expect(await parties.rsvpOf(party.id, b!.id)).toBe("going");
    expect(await parties.rsvpOf(party.id, c!.id)).toBe("waitlisted");
    const attendees = await parties.attendees(party.id);
    expect(attendees.map((x) => [x.name, x.status])).toEqual([
      ["Host", "going"],
      ["A", "maybe"],
      ["B", "going"],
      ["C", "waitlisted"],
    ]);
  });

  it("counts the host as going to their own party, and never waitlists them", async () => {
    const party = await newParty(1);
    expect(await parties.rsvpOf(party.id, party.hostId)).toBe("going");
    const guest = await users.createGuest({ name: "G" });
    expect((await parties.setRsvp(party.id, guest.id, "going")).status).toBe("waitlisted");
    await parties.setRsvp(party.id, party.hostId, "maybe");
    // The guest took the freed place; the host still gets in on asking again.
    expect(await parties.rsvpOf(party.id, guest.id)).toBe("going");
    expect((await parties.setRsvp(party.id, party.hostId, "going")).status).toBe("going");
  });

  it("stores the start as a UTC instant with the zone, and reads it back unchanged", async () => {
    const party = await newParty(null);
    const again = await parties.findById(party.id);
    expect(again?.startsAt.toISOString()).toBe(party.startsAt.toISOString());
    expect(again).toMatchObject({ timeZone: "UTC", capacity: null, sequence: 0, cancelledAt: null, hostName: "Host" });
  });
});
