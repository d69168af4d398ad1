import { randomUUID } from "node:crypto";
import type { PartyRepository } from "@/server/parties/party";

/** What the test harnesses create a party with: an hour from now, three episodes, a fresh invite. */
export function testPartyInput(hostId: string, title: string, visibility: "public" | "unlisted" = "public"): Parameters<PartyRepository["create"]>[0] {
  return {
    title,
    description: "",
    hostId,
    startsAt: new Date(Date.now() + 3_600_000),
    timeZone: "UTC",
    episodePlan: "binge",
    episodeFrom: 1,
    episodeTo: 3,
    episodeMinutes: 50,
    capacity: null,
    visibility,
    inviteToken: `invite-${randomUUID()}`,
  };
}
