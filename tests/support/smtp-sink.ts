import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A mail the sink accepted (answered 250), decoded enough to read. */
export interface SunkMail {
  to: string[];
  subject: string;
  /** The X-Ballard-Reminder header: "<kind> <id>". */
  reminder: string;
  listUnsubscribe: string;
  /** Headers and body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, "im").exec(raw);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, " ").trim() : "";
}

const decodeQuotedPrintable = (raw: string) =>
  raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

type Mode = { kind: "accept" } | { kind: "fail"; times: number } | { kind: "hold" };

/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it
 * accepts. It can refuse the next sends (450) or hold them unanswered, as a
 * slow server does, until the test releases or refuses them.
 */
export async function startSmtpSink() {
  const accepted: SunkMail[] = [];
  let mode: Mode = { kind: "accept" };
  const held: Array<{ raw: string; to: string[]; answer: (error?: Error) => void }> = [];
  const heldWaiters: Array<{ count: number; resolve: () => void }> = [];
  const accept = (raw: string, to: string[]) =>
    accepted.push({
      to,
      subject: header(raw, "Subject"),
      reminder: header(raw, "X-Ballard-Reminder"),
      listUnsubscribe: header(raw, "List-Unsubscribe"),
      text: decodeQuotedPrintable(raw),
    });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (mode.kind === "fail" && mode.times > 0) {
          mode.times -= 1;
          const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 450 });
          callback(error);
          return;
        }
        if (mode.kind === "hold") {
          held.push({ raw, to, answer: (error) => (error ? callback(error) : (accept(raw, to), callback())) });
          for (const w of heldWaiters.filter((w) => held.length >= w.count)) w.resolve();
          return;
        }
        accept(raw, to);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    /** For SMTP_URL: plain SMTP on loopback, no TLS. */
    url: `smtp://127.0.0.1:${port}?tls=off`,
    accepted,
    failNext(times: number) {
      mode = { kind: "fail", times };
    },
    hold() {
      mode = { kind: "hold" };
    },
    /** Resolves once `count` mails are held. */
    held(count: number): Promise<void> {
      return held.length >= count ? Promise.resolve() : new Promise((resolve) => heldWaiters.push({ count, resolve }));
    },
    /** Answers the held mails with an error (the sender is gone: nothing was accepted). */
    refuseHeld() {
      mode = { kind: "accept" };
      for (const h of held.splice(0)) h.answer(Object.assign(new Error("Connection lost"), { responseCode: 451 }));
    },
    clear() {
      accepted.splice(0);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
