import type { Metadata } from "next";
import Link from "next/link";
import { homeCard } from "@/server/invites/invite-card";
import { inviteCardMetadata } from "./_components/invite-card-metadata";
import { pageOrigin } from "./_components/invite-card-page";
import { getAppContext } from "@/server/context";
import { BALLARD_RELEASE } from "@/server/release/ballard-release";
import { upcomingPublicParties } from "@/server/parties/list-public-parties";
import { premiereInstant } from "@/server/parties/schedule";
import { Countdown } from "./_components/countdown";
import { currentUser } from "./_components/current-user";
import { InviteJump } from "./_components/invite-jump";
import { LocalTime } from "./_components/local-time";
import { PartyList } from "./_components/party-list";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { parties, logger } = getAppContext();
  const [origin, upcoming] = await Promise.all([pageOrigin(), upcomingPublicParties({ parties, now: new Date(), limit: 50, logger })]);
  return inviteCardMetadata({
    card: homeCard(upcoming.length),
    title: { absolute: "Ballard Watch Party" },
    pageUrl: new URL("/", origin).toString(),
    imageUrl: new URL("/api/card.png", origin).toString(),
  });
}

export default async function HomePage() {
  const { parties, logger } = getAppContext();
  const now = new Date();
  const [user, upcoming] = await Promise.all([currentUser(), upcomingPublicParties({ parties, now, limit: 20, logger })]);
  const premiere = premiereInstant().toISOString();
  return (
    <>
      <h1>Watch Ballard together</h1>
      <p className="lead">One episode clock for everyone, a chat that knows where you are in the episode, and trivia between episodes.</p>
      <div className="button-row">
        <Link href="/parties/new" className="button">
          Host a party
        </Link>
        <a href="#invite-heading" className="button secondary">
          Have an invite?
        </a>
      </div>
      <section aria-labelledby="release-heading" className="card mt-4">
        <h2 id="release-heading">The release</h2>
        <p>
          <em>{BALLARD_RELEASE.show}</em> is the {BALLARD_RELEASE.service} spinoff of <em>Bosch</em>. {BALLARD_RELEASE.summary} All{" "}
          {BALLARD_RELEASE.episodeCount} episodes premiered at once on <LocalTime iso={premiere} testId="premiere-local" /> (3 a.m. Eastern) —{" "}
          <Countdown iso={premiere} testId="premiere-distance" />.
        </p>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Public parties</h2>
        <PartyList parties={upcoming} empty="No public party is scheduled yet. Be the first to host one." testId="upcoming" now={now} />
      </section>
      <section aria-labelledby="invite-heading" className="card">
        <h2 id="invite-heading">Have an invite?</h2>
        <p className="hint">Open the link your host sent you, or paste it here.</p>
        <InviteJump />
      </section>
      {user ? (
        <p>
          <Link href="/my">My parties</Link>
        </p>
      ) : (
        <p>
          <Link href="/signin">Sign in</Link> or <Link href="/signup">create an account</Link> to host or join a party.
        </p>
      )}
    </>
  );
}
