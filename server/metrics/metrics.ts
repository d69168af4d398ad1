import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RoomDeps } from "../room/room-deps";

/** Seconds: from a few milliseconds (an answer from memory) to the 10 s a client waits for an acknowledgement. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the realtime server reports (createRealtimeServer's optional `metrics` dependency). */
export interface RealtimeMetrics {
  /** One client event handled: from arrival to its acknowledgement, and whether it was refused. */
  observeEvent(event: string, seconds: number, outcome: "ok" | "error"): void;
  /** A chat message handed to one local connection, `seconds` after it was stored. */
  observeChatDelivery(seconds: number): void;
  /** A connection opened (counted once, whatever becomes of it). */
  connectionOpened(): void;
  /** Where the gauges read the process's live numbers when they are scraped. */
  watch(sources: Partial<LiveSources>): void;
}

export interface LiveSources {
  /** Connections open on this process. */
  sockets(): number;
  /** (connection, party) pairs: rooms joined by this process's connections. */
  roomsJoined(): number;
  /** Parties with at least one connection on this process. */
  parties(): number;
  /** Trivia rounds whose timers this process runs now (the trivia runner feeds it). */
  triviaRounds(): number;
}

export interface AppMetrics {
  registry: Registry;
  realtime: RealtimeMetrics;
  /** The room's dependencies with the chat store timed. */
  timeChatStore(deps: RoomDeps): RoomDeps;
  /** The text format (and its content type) Prometheus scrapes. */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * The process's Prometheus metrics (prom-client): Node's defaults (event-loop
 * delay, heap, CPU), the live room's gauges read at scrape time, latency
 * histograms of socket events, chat storage and delivery, and whether the
 * database and Redis answer. One registry per app, so test instances keep apart.
 */
export function createMetrics(options: {
  processId: string;
  pingDatabase(): Promise<void>;
  /** Set in Redis mode: true when Redis answers. */
  pingRedis?: () => Promise<boolean>;
}): AppMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process_id: options.processId });
  collectDefaultMetrics({ register: registry, prefix: "bwp_" });

  const sources: LiveSources = { sockets: () => 0, roomsJoined: () => 0, parties: () => 0, triviaRounds: () => 0 };
  const live = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  live("bwp_sockets_connected", "Socket.IO connections open on this process.", () => sources.sockets());
  live("bwp_rooms_joined", "Party rooms joined by this process's connections (one per connection and party).", () => sources.roomsJoined());
  live("bwp_parties_live", "Parties with at least one connection on this process.", () => sources.parties());
  live("bwp_trivia_rounds_held", "Trivia rounds whose timers run on this process.", () => sources.triviaRounds());

  new Gauge({
    name: "bwp_database_up",
    help: "1 when the database answers a query, else 0.",
    registers: [registry],
    async collect() {
      this.set(await options.pingDatabase().then(() => 1, () => 0));
    },
  });
  const { pingRedis } = options;
  if (pingRedis) {
    new Gauge({
      name: "bwp_redis_up",
      help: "1 when Redis answers PING, else 0.",
      registers: [registry],
      async collect() {
        this.set((await pingRedis()) ? 1 : 0);
      },
    });
  }

  const connections = new Counter({ name: "bwp_socket_connections_total", help: "Socket.IO connections accepted since the process started.", registers: [registry] });
  const events = new Histogram({
    name: "bwp_socket_event_duration_seconds",
    help: "Client events from arrival to acknowledgement, by event and outcome.",
    labelNames: ["event", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const chatStore = new Histogram({
    name: "bwp_chat_store_duration_seconds",
    help: "Storing one chat message (the database write, batched per party).",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const chatDelivery = new Histogram({
    name: "bwp_chat_delivery_seconds",
    help: "From a chat message's storage to its hand-off to each connection on this process.",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const realtime: RealtimeMetrics = {
    observeEvent: (event, seconds, outcome) => events.observe({ event, outcome }, seconds),
    observeChatDelivery: (seconds) => chatDelivery.observe(Math.max(0, seconds)),
    connectionOpened: () => connections.inc(),
    watch(given) {
      Object.assign(sources, given);
    },
  };

  return {
    registry,
    realtime,
    timeChatStore(deps) {
      const { rooms } = deps;
      return {
        ...deps,
        rooms: {
          ...rooms,
          async appendMessage(input) {
            const end = chatStore.startTimer();
            try {
              return await rooms.appendMessage(input);
            } finally {
              end();
            }
          },
        },
      };
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
