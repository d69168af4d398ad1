import type { Logger } from "pino";
import {
  CLAIM_LEASE_MS,
  dueReminders,
  MAX_SEND_ATTEMPTS,
  retryDelayMs,
  claimedReminderFate,
  type ClaimedReminder,
  type ReminderRepository,
} from "./reminder";
import { reminderMail } from "./reminder-mail";
import type { Mailer } from "./smtp-mailer";

/** Often enough that the 15-minute reminder's two-minute window is met with retries to spare. */
export const SWEEP_INTERVAL_MS = 20_000;
const BATCH = 20;

export interface ReminderSweeperDeps {
  reminders: ReminderRepository;
  mailer: Mailer;
  /** The app's public origin, for the links in the mails. */
  origin: string;
  /** Names this process's claims. */
  processId: string;
  now: () => Date;
  logger: Logger;
  /** 0: no timer (tests call sweepOnce). */
  intervalMs?: number;
  leaseMs?: number;
}

export interface SweepResult {
  planned: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Dropped because their sitting moved (planned again when due). */
  replanned: number;
  forgotten: number;
}

export interface ReminderSweeper {
  sweepOnce(): Promise<SweepResult>;
  /** No new claims; the sends under way finish and are recorded; claims not yet sent go back at once. */
  stop(): Promise<void>;
}

/**
 * Every process sweeps: it plans the reminders that are due (a durable row
 * each, unique per person, kind and start), claims some with FOR UPDATE SKIP
 * LOCKED and a lease, sends them and records the outcome. A process that dies
 * holding claims loses nothing: its lease runs out and another sweep takes
 * them. A failed send is tried again later (retryDelayMs), within its window.
 */
export function startReminderSweeper(deps: ReminderSweeperDeps): ReminderSweeper {
  const { reminders, mailer, logger, processId } = deps;
  const log = logger.child({ part: "reminders" });
  const leaseMs = deps.leaseMs ?? CLAIM_LEASE_MS;
  let stopped = false;
  let running: Promise<SweepResult> | null = null;

  async function deliver(reminder: ClaimedReminder, result: SweepResult): Promise<void> {
    const now = deps.now();
    const skip = async (error: string) => {
      if (await reminders.settle(reminder.id, processId, { status: "skipped", error })) result.skipped += 1;
    };
    const fate = claimedReminderFate(reminder.party, reminder);
    if (fate === "skip") return skip("the party was cancelled");
    if (fate === "replan") {
      if (await reminders.drop(reminder.id, processId)) result.replanned += 1;
      return;
    }
    if (now.getTime() > reminder.notAfter.getTime()) return skip("too late to be useful");
    if (!reminder.to) return skip("no e-mail address");
    try {
      await mailer.send(reminderMail({ ...reminder, to: reminder.to }, deps.origin));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const at = new Date(deps.now().getTime() + retryDelayMs(reminder.attempts));
      const giveUp = reminder.attempts >= MAX_SEND_ATTEMPTS || at.getTime() > reminder.notAfter.getTime();
      log.warn({ reminderId: reminder.id, attempts: reminder.attempts, err: error, giveUp }, "a reminder could not be sent");
      if (await reminders.settle(reminder.id, processId, giveUp ? { status: "failed", error } : { status: "retry", at, error })) {
        if (giveUp) result.failed += 1;
        else result.retried += 1;
      }
      return;
    }
    // Sent: recorded while the claim is still ours (the lease outlasts the mailer's timeouts).
    if (await reminders.settle(reminder.id, processId, { status: "sent", at: deps.now() })) result.sent += 1;
    else log.error({ reminderId: reminder.id }, "a reminder was sent after its claim ran out");
  }

  async function sweep(): Promise<SweepResult> {
    const result: SweepResult = { planned: 0, sent: 0, retried: 0, failed: 0, skipped: 0, replanned: 0, forgotten: 0 };
    const now = deps.now();
    result.forgotten = await reminders.forgetFinished(now);
    // A second pass only when the first dropped reminders whose sitting moved: they are planned for the new start.
    for (let pass = 0; pass < 2 && (pass === 0 || result.replanned > 0) && !stopped; pass += 1) {
      const candidates = await reminders.candidates(now);
      result.planned += await reminders.plan(
        candidates.flatMap(({ party, subscriptionIds }) => subscriptionIds.flatMap((id) => dueReminders(party, id, now))),
        now,
      );
      while (!stopped) {
        const claimed = await reminders.claim({ processId, now: deps.now(), leaseMs, limit: BATCH });
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((reminder) => deliver(reminder, result)));
      }
    }
    return result;
  }

  function sweepOnce(): Promise<SweepResult> {
    if (stopped) return Promise.resolve({ planned: 0, sent: 0, retried: 0, failed: 0, skipped: 0, replanned: 0, forgotten: 0 });
    running ??= sweep().finally(() => (running = null));
    return running;
  }

  const timer =
    (deps.intervalMs ?? SWEEP_INTERVAL_MS) > 0
      ? setInterval(() => {
          sweepOnce().catch((err: unknown) => log.error({ err }, "reminder sweep failed"));
        }, deps.intervalMs ?? SWEEP_INTERVAL_MS)
      : undefined;
  timer?.unref();

  return {
    sweepOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      await reminders.release(processId);
      mailer.close();
    },
  };
}
