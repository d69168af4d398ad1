import { episodesLabel, startInZone } from "../invites/invite-card";
import type { ClaimedReminder } from "./reminder";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 8058 one-click unsubscribe, and a Message-ID of its own per reminder. */
  headers: Record<string, string>;
  messageId: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where a reminder's links point: the room (with the invite for an unlisted party) and the unsubscribe page. */
export function reminderLinks(reminder: Pick<ClaimedReminder, "party" | "subscription">, origin: string) {
  const { party } = reminder;
  const invite = party.visibility === "unlisted" ? `?invite=${encodeURIComponent(party.inviteToken)}` : "";
  const token = encodeURIComponent(reminder.subscription.unsubscribeToken);
  return {
    room: new URL(`/parties/${party.id}/room${invite}`, origin).toString(),
    page: new URL(`/parties/${party.id}${invite}`, origin).toString(),
    unsubscribePage: new URL(`/reminders/unsubscribe/${token}`, origin).toString(),
    unsubscribeOneClick: new URL(`/api/reminders/unsubscribe/${token}`, origin).toString(),
  };
}

/** The mail of one reminder, with the start in the recipient's own zone. Pure. */
export function reminderMail(reminder: ClaimedReminder & { to: string }, origin: string): OutgoingMail {
  const { party, kind } = reminder;
  const links = reminderLinks(reminder, origin);
  const when = startInZone(reminder.startsAt, reminder.subscription.timeZone);
  const what = `Ballard, ${episodesLabel(party)}, hosted by ${party.hostName}`;
  const subject =
    kind === "cancelled" ? `Cancelled: ${party.title}` : kind === "soon" ? `Starting in 15 minutes: ${party.title}` : `Tomorrow: ${party.title}`;
  const lead =
    kind === "cancelled"
      ? `The watch party "${party.title}" planned for ${when} was cancelled by its host.`
      : kind === "soon"
        ? `"${party.title}" starts in 15 minutes, at ${when}. The room is open.`
        : `A reminder: "${party.title}" starts ${when}.`;
  const paragraphs = [
    `Hello ${reminder.recipientName},`,
    lead,
    what,
    ...(kind === "cancelled" ? [`The party's page: ${links.page}`] : [`Join the room: ${links.room}`]),
    kind === "cancelled"
      ? "You will get no more reminders for this party."
      : `You asked for reminders of this party. Stop them with one click: ${links.unsubscribePage}`,
  ];
  const html = paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/(https?:\/\/[^\s<]+)/g, (url) => `<a href="${url}">${url}</a>`)}</p>`)
    .join("\n");
  const host = new URL(origin).hostname;
  return {
    to: reminder.to,
    subject,
    text: `${paragraphs.join("\n\n")}\n`,
    html,
    messageId: `<reminder-${reminder.id}@${host}>`,
    headers: {
      "List-Unsubscribe": `<${links.unsubscribeOneClick}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Ballard-Reminder": `${kind} ${reminder.id}`,
    },
  };
}
