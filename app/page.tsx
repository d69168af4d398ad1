import Link from "next/link";
import { getAppContext } from "@/server/context";
import { BALLARD_RELEASE } from "@/server/release/ballard-release";
import { upcomingPublicParties } from "@/server/parties/list-public-parties";
import { premiereInstant } from "@/server/parties/schedule";
import { Countdown } from "./_components/countdown";
import { currentUser } from "./_components/current-user";
import { LocalTime } from "./_components/local-time";
import { PartyList } from "./_components/party-list";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { parties, logger } = getAppContext();
  const [user, upcoming] = await Promise.all([currentUser(), upcomingPublicParties({ parties, now: new Date(), limit: 20, logger })]);
  const premiere = premiereInstant().toISOString();
  return (
    <>
      <h1>Watch Ballard together</h1>
      <p className="lead">
        <em>{BALLARD_RELEASE.show}</em> is the {BALLARD_RELEASE.service} spinoff of <em>Bosch</em>. {BALLARD_RELEASE.summary} All{" "}
        {BALLARD_RELEASE.episodeCount} episodes came out at once, so it is made for watch parties.
      </p>
      <section aria-labelledby="release-heading" className="card">
        <h2 id="release-heading">The release</h2>
        <p>
          All {BALLARD_RELEASE.episodeCount} episodes premiered on <LocalTime iso={premiere} testId="premiere-local" /> (3 a.m.
          Eastern) — <Countdown iso={premiere} testId="premiere-distance" />.
        </p>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming public parties</h2>
        <PartyList parties={upcoming} empty="No public party is scheduled yet. Be the first to host one." testId="upcoming" />
      </section>
      {user ? (
        <p>
          <Link href="/parties/new">Host a party</Link> · <Link href="/my">My parties</Link>
        </p>
      ) : (
        <p>
          <Link href="/signin">Sign in</Link> or <Link href="/signup">create an account</Link> to host or join a party.
        </p>
      )}
    </>
  );
}
