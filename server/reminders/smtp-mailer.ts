import nodemailer from "nodemailer";
import type { OutgoingMail } from "./reminder-mail";

export interface Mailer {
  /** Resolves once the SMTP server accepted the mail; rejects when it did not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Every step of a send ends well within a sweep's claim lease (CLAIM_LEASE_MS). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

/**
 * Nodemailer over SMTP_URL (smtp:// or smtps://, user and password in the URL),
 * from MAIL_FROM. Sending is socket I/O: it never blocks the event loop.
 */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "smtps:" ? 465 : 587,
    secure: url.protocol === "smtps:",
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    // A local relay without TLS (tests, a sidecar) is fine; with STARTTLS on offer it is used.
    ignoreTLS: url.searchParams.get("tls") === "off",
    ...TIMEOUTS,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: options.from, ...mail });
      if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${info.rejected.length} recipient(s)`);
    },
    close: () => transport.close(),
  };
}
