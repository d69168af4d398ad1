import type { Logger } from "pino";
import type { RealtimeTopology } from "../realtime/create-realtime-server";
import { openChatNotifications } from "./chat-notifications";
import type { ClusterRedis } from "./open-redis";
import { redisTimeMs, startTimeBase } from "./time-base";

/**
 * What the realtime server of one of several processes needs beyond the
 * adapter: chat delivered through PostgreSQL notifications, one time base
 * (Redis's clock), and a resync of its clients after a Redis reconnect.
 * `localNow` is the process's own clock (a test gives a wrong one).
 */
export async function startClusterRealtime(options: {
  cluster: ClusterRedis;
  databaseUrl: string;
  logger: Logger;
  localNow?: () => number;
}): Promise<{ deps: Pick<RealtimeTopology, "chatDelivery" | "resyncOn" | "now">; close(): Promise<void> }> {
  const { cluster, logger } = options;
  const timeBase = await startTimeBase({
    time: async () => redisTimeMs(await cluster.state.time()),
    logger,
    ...(options.localNow ? { localNow: options.localNow } : {}),
  });
  const chatDelivery = await openChatNotifications({ databaseUrl: options.databaseUrl, logger });
  return {
    deps: { chatDelivery, resyncOn: (listener) => cluster.onReconnect(listener), now: timeBase.now },
    async close() {
      timeBase.stop();
      await chatDelivery.close();
    },
  };
}
