import type { ReminderRepository } from "./reminder";

/** The one-click unsubscribe (a link's token): idempotent, so a mail client's retry or a second click is fine. */
export async function unsubscribeFromReminders(options: { reminders: ReminderRepository; token: string }): Promise<{ unsubscribed: boolean }> {
  return { unsubscribed: await options.reminders.unsubscribeByToken(options.token) };
}

/** A signed-in person stops their reminders for a party (the party page's button). */
export async function stopReminders(options: { reminders: ReminderRepository; userId: string; partyId: string }): Promise<{ unsubscribed: boolean }> {
  return { unsubscribed: await options.reminders.unsubscribe(options.partyId, options.userId) };
}
