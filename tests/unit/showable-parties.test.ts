import { describe, expect, it } from "vitest";
import type { Party } from "@/server/parties/party";
import { showableParties } from "@/server/parties/showable-parties";

const party = (id: string, startsAt: Date): Party => ({
  id,
  title: id,
  description: "",
  hostId: "h",
  hostName: "Host",
  cohostIds: [],
  startsAt,
  timeZone: "UTC",
  episodePlan: "single",
  episodeFrom: 1,
  episodeTo: 1,
  episodeMinutes: 50,
  capacity: null,
  visibility: "public",
  replayVisibility: "members",
  inviteToken: id,
  sequence: 0,
  cancelledAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe("showableParties", () => {
  it("leaves out a party it cannot show and logs it once, however often the list is read", () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) };
    const list = [party("fine", new Date("2026-12-24T20:00:00Z")), party("broken", new Date(Number.NaN))];
    for (let i = 0; i < 3; i++) expect(showableParties(list, logger).map((p) => p.id)).toEqual(["fine"]);
    expect(warnings).toEqual([[{ partyId: "broken", problem: "the start is not a valid date" }, "party left out of a list: its stored schedule cannot be shown"]]);
  });
});
