import { readJsonBody } from "@/server/http/json";
import { signedInPartyRoute } from "@/server/http/route";
import { subscribeToReminders } from "@/server/reminders/subscribe-to-reminders";
import { subscribeRequestSchema } from "@/server/reminders/subscribe-to-reminders.types";
import { stopReminders } from "@/server/reminders/unsubscribe-from-reminders";

/** Opt in to e-mail reminders of this party (or change the address or zone). */
export const POST = signedInPartyRoute("subscribing to reminders failed", async ({ context, user, request, partyId }) => {
  const input = await readJsonBody(request, subscribeRequestSchema);
  const { parties, reminders } = context;
  const status = await subscribeToReminders({ parties, reminders: reminders.repository, mailEnabled: reminders.mailEnabled, user, partyId, input, now: new Date() });
  return Response.json(status);
});

/** Stop this person's reminders of this party. */
export const DELETE = signedInPartyRoute("stopping reminders failed", async ({ context, user, partyId }) =>
  Response.json(await stopReminders({ reminders: context.reminders.repository, userId: user.id, partyId })),
);
