import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { publicOrigin } from "@/server/auth/public-request";
import { getAppContext } from "@/server/context";
import { calendarSummary, googleCalendarUrl, REMINDER_MINUTES_BEFORE } from "@/server/parties/party-calendar";
import type { PartyView } from "@/server/parties/view-party";
import { JOIN_OPENS_MINUTES_BEFORE } from "@/server/parties/schedule";
import { Avatar } from "../../_components/avatar";
import { Countdown } from "../../_components/countdown";
import { currentUser } from "../../_components/current-user";
import { LocalTime } from "../../_components/local-time";
import { ShareInvite } from "../../_components/share-invite";
import type { SessionUser } from "@/server/auth/session-user";
import { viewReminderStatus } from "@/server/reminders/subscribe-to-reminders";
import { ReminderControls } from "./reminder-controls";
import { viewPartyOr404 } from "../../_components/party-view";
import { inviteCardMetadata } from "../../_components/invite-card-metadata";
import { pageOrigin, partyCardPaths } from "../../_components/invite-card-page";
import { partyCard } from "@/server/invites/invite-card";
import { withCallback } from "../../_components/safe-callback-url";
import { InviteJoin } from "../../signin/sign-in-forms";
import { CopyInviteLink, HostControls, JoinRoomButton, MakeCohostButton, RsvpControls } from "./party-actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROLE_LABEL = { host: "host", cohost: "co-host", guest: "" } as const;
const STATUS_LABEL = { going: "going", maybe: "maybe", not_going: "not going", waitlisted: "waitlist" } as const;

async function load(
  props: Props,
): Promise<{ view: PartyView; invite: string | null; viewerId: string | undefined; started: boolean; user: SessionUser | null }> {
  const [{ id }, search, user] = await Promise.all([props.params, props.searchParams, currentUser()]);
  const invite = typeof search.invite === "string" ? search.invite : null;
  const view = await viewPartyOr404(id, invite, user?.id);
  // Once the first sitting has begun there is something to watch back (a cancelled party's too).
  return { view, invite, viewerId: user?.id, user: user ?? null, started: view.occurrences[0]!.startsAt.getTime() <= Date.now() };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { view } = await load(props);
  const { party } = view;
  const origin = await pageOrigin();
  const paths = partyCardPaths(party);
  // The link preview a chat app shows (Open Graph, Twitter): never who answered.
  return inviteCardMetadata({
    card: partyCard(party, new Date()),
    title: party.title,
    pageUrl: new URL(`/parties/${party.id}${party.visibility === "unlisted" ? `?invite=${party.inviteToken}` : ""}`, origin).toString(),
    imageUrl: new URL(paths.image, origin).toString(),
  });
}

export default async function PartyPage(props: Props) {
  const { view, invite, viewerId, started, user } = await load(props);
  const { reminders } = getAppContext();
  const { party, counts } = view;
  const pagePath = `/parties/${party.id}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`;
  const invitePath = `/parties/${party.id}?invite=${party.inviteToken}`;
  const calendarPath = `/api/parties/${party.id}/calendar.ics${party.visibility === "unlisted" ? `?invite=${party.inviteToken}` : ""}`;
  const first = view.occurrences[0]!;
  // Google Calendar shows the description elsewhere: the link in it must be absolute.
  const origin = publicOrigin(await headers(), { protocol: "http:", host: "localhost" }, getAppContext().authUrl);
  const startIso = (view.next ?? first).startsAt.toISOString();
  const episodes =
    party.episodePlan === "single"
      ? `Episode ${party.episodeFrom}`
      : party.episodePlan === "binge"
        ? `Episodes ${party.episodeFrom}–${party.episodeTo}, back to back`
        : `Episodes ${party.episodeFrom}–${party.episodeTo}, one a week`;

  return (
    <article>
      <h1>{party.title}</h1>
      {party.cancelledAt ? (
        <p role="status" className="banner danger-text" data-testid="cancelled">
          This party was cancelled.
        </p>
      ) : null}
      <p className="lead">
        Ballard · {episodes} · hosted by {party.hostName}
        {party.visibility === "unlisted" ? " · unlisted" : ""}
      </p>

      {/* Guests first: someone who follows an invitation gives a name and is in (and going); an account is the second way. */}
      {!viewerId && !party.cancelledAt ? (
        <section aria-labelledby="join-heading" className="card join-card" id="join" data-testid="invite-join">
          <h2 id="join-heading">Join the party</h2>
          <InviteJoin
            callbackUrl={pagePath}
            join={{ partyId: party.id, invite }}
            signInHref={withCallback("/signin", pagePath)}
            full={party.capacity !== null && counts.going >= party.capacity}
          />
        </section>
      ) : null}
      {viewerId && !party.cancelledAt ? <RsvpControls partyId={party.id} invite={invite} status={view.myStatus} counts={counts} /> : null}
      {party.description ? <p className="description">{party.description}</p> : null}

      <section aria-labelledby="when-heading" className="card">
        <h2 id="when-heading">When</h2>
        <dl className="facts">
          <dt>Your time</dt>
          <dd>
            <LocalTime iso={startIso} testId="start-viewer-zone" />
          </dd>
          <dt>Host&apos;s time</dt>
          <dd>
            <LocalTime iso={startIso} timeZone={party.timeZone} testId="start-host-zone" /> ({party.timeZone})
          </dd>
          {view.next && !party.cancelledAt ? (
            <>
              <dt>Starts</dt>
              <dd>
                <Countdown iso={startIso} testId="party-countdown" />
              </dd>
            </>
          ) : null}
        </dl>
        {party.episodePlan === "weekly" ? (
          <details>
            <summary>All {view.occurrences.length} sittings</summary>
            <ol>
              {view.occurrences.map((o) => (
                <li key={o.startsAt.toISOString()}>
                  Episode {o.episodes[0]}: <LocalTime iso={o.startsAt.toISOString()} />
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {!party.cancelledAt && viewerId ? (
          <>
            <p id="join-hint" className="hint">
              The room opens {JOIN_OPENS_MINUTES_BEFORE} minutes before the start.
            </p>
            <JoinRoomButton href={`/parties/${party.id}/room${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`} opensAtIso={view.joinOpensAt?.toISOString() ?? null} />
          </>
        ) : null}
        {started ? (
          <p>
            <Link className="button secondary" href={`/parties/${party.id}/replay${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`}>
              Watch it back
            </Link>{" "}
            <span className="hint">The chat and reactions again, at the moments they were sent.</span>
          </p>
        ) : null}
        <div className="button-row">
          <a className="button secondary" href={calendarPath} download data-testid="download-ics">
            Download calendar file (.ics)
          </a>
          <a className="button secondary" href={googleCalendarUrl({ party, url: new URL(invitePath, origin).toString() })} target="_blank" rel="noreferrer">
            Add to Google Calendar
          </a>
        </div>
        <p className="hint">The calendar entry reminds you {REMINDER_MINUTES_BEFORE} minutes before: {calendarSummary(party)}.</p>
      </section>

      {!party.cancelledAt ? (
        <section aria-labelledby="reminders-heading" className="card">
          <h2 id="reminders-heading">Reminders by e-mail</h2>
          {!reminders.mailEnabled ? (
            <p data-testid="reminders-off">E-mail reminders are not set up on this server. The calendar file above reminds you instead.</p>
          ) : user ? (
            <ReminderControls
              partyId={party.id}
              invite={invite}
              accountEmail={user.email}
              status={await viewReminderStatus({ reminders: reminders.repository, user, partyId: party.id })}
            />
          ) : (
            <p>Answer the invitation above (as a guest, a name is enough) to get a reminder a day ahead and 15 minutes ahead.</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="invite-heading" className="card">
        <h2 id="invite-heading">Invite people</h2>
        <CopyInviteLink path={invitePath} serverOrigin={origin} />
        {!party.cancelledAt ? <ShareInvite path={invitePath} title={party.title} /> : null}
      </section>

      <section aria-labelledby="people-heading" className="card">
        <h2 id="people-heading">Who is coming</h2>
        <p data-testid="capacity">
          {party.capacity === null ? "No limit on places." : `${counts.going} of ${party.capacity} places taken.`}
        </p>
        {view.attendees.length === 0 ? (
          <p>No answers yet.</p>
        ) : (
          <ul className="attendee-list" data-testid="attendees">
            {view.attendees.map((a) => (
              <li key={a.userId} className="attendee">
                <Avatar name={a.name} size="sm" />
                {a.name} <span className="tag">{STATUS_LABEL[a.status]}</span>
                {ROLE_LABEL[a.role] ? <span className="tag">{ROLE_LABEL[a.role]}</span> : null}
                {view.myRole === "host" && a.role === "guest" && a.kind === "member" && !party.cancelledAt ? (
                  <MakeCohostButton partyId={party.id} userId={a.userId} name={a.name} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.canManage ? <HostControls partyId={party.id} cancelled={Boolean(party.cancelledAt)} /> : null}
      <p>
        <Link href="/my">My parties</Link>
      </p>
    </article>
  );
}
