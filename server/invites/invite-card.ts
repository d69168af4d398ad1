import { DateTime } from "luxon";
import type { Party } from "../parties/party";
import { currentOrNextOccurrence, occurrences } from "../parties/schedule";

/** The size every link preview (Open Graph, Twitter) expects. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/**
 * What a link preview shows: the same lines are drawn into the PNG and
 * rendered as HTML (the card's page), so what the image says can be read.
 * Only what the invite link already gives: never who answered.
 */
export interface InviteCard {
  kicker: string;
  title: string;
  /** Episode(s), date and time with the zone, the host: one fact a line. */
  lines: string[];
  cancelled: boolean;
  /** For the page's <meta name="description"> and og:description. */
  description: string;
}

export function episodesLabel(party: Pick<Party, "episodePlan" | "episodeFrom" | "episodeTo">): string {
  if (party.episodePlan === "single") return `Episode ${party.episodeFrom}`;
  const range = `Episodes ${party.episodeFrom}–${party.episodeTo}`;
  return party.episodePlan === "binge" ? `${range}, back to back` : `${range}, one a week`;
}

/** "Saturday 12 December 2026, 8:00 PM EST (America/New_York)". */
export function startInZone(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return `${local.toFormat("cccc d LLLL yyyy, h:mm a ZZZZ")} (${timeZone})`;
}

export function partyCard(party: Party, now: Date): InviteCard {
  const start = (party.cancelledAt ? null : currentOrNextOccurrence(party, now)) ?? occurrences(party)[0]!;
  const when = startInZone(start.startsAt, party.timeZone);
  const episodes = episodesLabel(party);
  const host = `Hosted by ${party.hostName}`;
  const cancelled = party.cancelledAt !== null;
  return {
    kicker: cancelled ? "Cancelled · Ballard watch party" : "Ballard watch party",
    title: party.title,
    lines: cancelled ? ["This party was cancelled.", `Was: ${when}`, episodes, host] : [when, episodes, host],
    cancelled,
    description: cancelled ? `Cancelled. This watch party of Ballard (${episodes}) was planned for ${when}.` : `${when} · Ballard, ${episodes} · ${host}`,
  };
}

export function homeCard(upcomingPublic: number): InviteCard {
  return {
    kicker: "Ballard Watch Party",
    title: "Watch Ballard together",
    lines: [
      "One episode clock for everyone, a chat that knows where you are, trivia between episodes.",
      upcomingPublic === 1 ? "1 public party coming up" : `${upcomingPublic} public parties coming up`,
    ],
    cancelled: false,
    description: "Watch Ballard together: scheduled parties, one shared episode clock, chat and trivia.",
  };
}
