/** The Socket.IO rooms the server broadcasts to. */

/** The Socket.IO room of a party. */
export const partyChannel = (partyId: string) => `party:${partyId}`;
/** The Socket.IO room of one person's connections. */
export const userChannel = (userId: string) => `user:${userId}`;
/** The Socket.IO room of one person's extension connections linked to one party. */
export const extensionChannel = (userId: string, partyId: string) => `extension:${userId}:${partyId}`;
/** The Socket.IO room of every extension connection linked to one party (cancelling closes them). */
export const extensionPartyChannel = (partyId: string) => `extension-party:${partyId}`;
