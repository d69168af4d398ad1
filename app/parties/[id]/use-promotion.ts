"use client";

import { useEffect } from "react";
import type { ServerEvents } from "@/server/realtime/protocol";

/**
 * While this person waits on a party's waitlist, the page listens on their own
 * realtime channel and hears at once when a place frees and they move up.
 * socket.io-client is loaded only then.
 */
export function usePromotion(partyId: string, waiting: boolean, onPromoted: () => void): void {
  useEffect(() => {
    if (!waiting) return;
    let closed = false;
    let close = () => undefined as void;
    void import("socket.io-client").then(({ io }) => {
      if (closed) return;
      const socket = io({ transports: ["websocket", "polling"] });
      const promoted: ServerEvents["party:promoted"] = (p) => {
        if (p.partyId === partyId) onPromoted();
      };
      socket.on("party:promoted", promoted);
      close = () => void socket.close();
    });
    return () => {
      closed = true;
      close();
    };
  }, [partyId, waiting, onPromoted]);
}
