/**
 * The realtime layer as the actions use it (a port: create-realtime-server.ts
 * implements it, the assembly passes it to routes and actions).
 */
export interface RealtimeControls {
  /** A cancelled party's room closes: members are told (`room:closed`) and taken out; its trivia round ends. */
  closeParty(partyId: string): Promise<void>;
  /** Disconnects every connection of a user (signing out). */
  endUserSessions(userId: string): Promise<void>;
  /** Disconnects a user's browser-extension connections for a party (unlinking). */
  endExtensionLinks(userId: string, partyId: string): Promise<void>;
  /** Tells people who moved up from a party's waitlist, on their own channels (`party:promoted`). */
  notifyPromoted(partyId: string, userIds: string[]): Promise<void>;
}
