import type { RealtimeControls } from "../context";
import type { RealtimeServer } from "./create-realtime-server";
import { userChannel } from "./handler";

/** What the HTTP side may ask of this Socket.IO server (AppContext.realtime). */
export function realtimeControls(io: RealtimeServer): RealtimeControls {
  return {
    async endUserSessions(userId) {
      // Every connection of the user joined their user channel at the handshake.
      io.in(userChannel(userId)).disconnectSockets(true);
    },
  };
}
