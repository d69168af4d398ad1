import type { Metadata } from "next";
import { getAppContext } from "@/server/context";
import { unsubscribeTokenSchema } from "@/server/reminders/unsubscribe-from-reminders.types";
import { UnsubscribeButton } from "./unsubscribe-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stop reminders", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

/** Where a reminder's "stop them" link lands: one button (a link preview or a mail scanner opening it stops nothing). */
export default async function UnsubscribePage(props: Props) {
  const parsed = unsubscribeTokenSchema.safeParse((await props.params).token);
  const found = parsed.success ? await getAppContext().reminders.repository.findByToken(parsed.data) : null;
  return (
    <article>
      <h1>Stop reminders</h1>
      {found && parsed.success ? (
        <section aria-labelledby="stop-heading" className="card">
          <h2 id="stop-heading">{found.partyTitle}</h2>
          <p>You get e-mail reminders for this party. One click stops them (for this party only).</p>
          <UnsubscribeButton token={parsed.data} />
        </section>
      ) : (
        <p role="status" data-testid="unsubscribe-done">
          No reminders go out with this link: you stopped them already, or the party is over.
        </p>
      )}
    </article>
  );
}
