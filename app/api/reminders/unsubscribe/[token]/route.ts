import { validationError } from "@/server/errors";
import { route } from "@/server/http/route";
import { unsubscribeFromReminders } from "@/server/reminders/unsubscribe-from-reminders";
import { unsubscribeTokenSchema } from "@/server/reminders/unsubscribe-from-reminders.types";

/**
 * One-click unsubscribe: the reminder's List-Unsubscribe header (RFC 8058, a
 * mail client posts "List-Unsubscribe=One-Click") and the unsubscribe page's
 * button. The token is the only credential; the body is not needed.
 */
export const POST = route<{ token: string }>("unsubscribing failed", async ({ context, params }) => {
  const parsed = unsubscribeTokenSchema.safeParse(params.token);
  if (!parsed.success) throw validationError(parsed.error);
  return Response.json(await unsubscribeFromReminders({ reminders: context.reminders.repository, token: parsed.data }));
});
