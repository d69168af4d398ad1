import type { Logger } from "pino";
import { currentClock } from "../room/current-clock";
import type { RoomDeps } from "../room/room-deps";
import { partyChannel, type AppServer } from "./handler";

/**
 * Tells this process's connections in every party room to read again what
 * they may have missed (`room:resync`): after its chat LISTEN connection or
 * its Redis connection was lost, deliveries to them may not have arrived.
 * The clock comes with the event; chat (`chat:history` after the last `seq`
 * seen) and trivia (`trivia:sync`) the client asks for.
 */
export async function resyncRooms(options: { io: AppServer; deps: RoomDeps; now: () => number; logger: Logger }): Promise<void> {
  const { io, deps, logger } = options;
  const prefix = partyChannel("");
  const parties = [...io.of("/").adapter.rooms.keys()].filter((room) => room.startsWith(prefix)).map((room) => room.slice(prefix.length));
  await Promise.all(
    parties.map(async (partyId) => {
      let saved = null;
      try {
        saved = await currentClock(deps, partyId, options.now());
      } catch (err) {
        logger.error({ err, partyId }, "reading the clock for a resync failed");
      }
      io.local.to(partyChannel(partyId)).emit("room:resync", { partyId, clock: saved?.clock ?? null, controlMode: saved?.controlMode ?? null });
    }),
  );
  logger.info({ parties: parties.length }, "told this process's rooms to resync");
}
