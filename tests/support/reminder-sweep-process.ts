// One OS process that sweeps reminders once, as a server process's sweep does,
// at the instant NOW_MS (the tests' clock), against DATABASE_URL and SMTP_URL;
// it prints the result as one JSON line. tests/integration/reminders-processes.test.ts
// runs two at once, and kills one mid-sweep.
import pino from "pino";
import { openDatabase } from "../../server/db/client";
import { createPrismaReminderRepository } from "../../server/reminders/prisma-reminder-repository";
import { startReminderSweeper } from "../../server/reminders/reminder-sweeper";
import { createSmtpMailer } from "../../server/reminders/smtp-mailer";

const { DATABASE_URL, SMTP_URL, NOW_MS, PROCESS_ID } = process.env;
const database = await openDatabase({ target: { kind: "postgres", url: DATABASE_URL! } });
const sweeper = startReminderSweeper({
  reminders: createPrismaReminderRepository(database.prisma),
  mailer: createSmtpMailer({ smtpUrl: SMTP_URL!, from: "reminders@party.test" }),
  origin: "http://party.test",
  processId: PROCESS_ID!,
  now: () => new Date(Number(NOW_MS)),
  logger: pino({ level: "silent" }),
  intervalMs: 0,
});
const result = await sweeper.sweepOnce();
process.stdout.write(`${JSON.stringify(result)}\n`);
await sweeper.stop();
await database.close();
