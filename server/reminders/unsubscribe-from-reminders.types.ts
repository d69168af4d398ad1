export { unsubscribeTokenSchema } from "./subscribe-to-reminders.types";

/** What unsubscribing answers: false when the link was used already (or the party is over and forgotten). */
export interface UnsubscribeResponse {
  unsubscribed: boolean;
}
