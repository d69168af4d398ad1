import type { Redis } from "ioredis";
import type { LeftRoom, PresenceEntry, RoomStateStore } from "../room/room";
import { joinPair, processSocketsKey, ROOM_STATE_TTL_MS, roomKeys, splitPair } from "./cluster-keys";
import type { ClusterRedis } from "./open-redis";
import { defineScript } from "./redis-script";

// KEYS: members, conns, sockets, the process's index. Every write renews the room's keys.
const RENEW = `
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
redis.call('PEXPIRE', KEYS[4], ARGV[1])
`;

// ARGV: ttl, socketId, userId, `userId|processId`, index member, member JSON. Returns 1 for the person's first connection.
const JOIN = `
local first = 0
if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[4]) == 1 then
  if redis.call('HINCRBY', KEYS[2], ARGV[3], 1) == 1 then first = 1 end
  redis.call('SADD', KEYS[4], ARGV[5])
end
local old = redis.call('HGET', KEYS[1], ARGV[3])
local entry
if old then entry = cjson.decode(old) else entry = { ready = false, inSync = false, driftMs = cjson.null, roundTripMs = cjson.null } end
for k, v in pairs(cjson.decode(ARGV[6])) do entry[k] = v end
entry.connected = true
redis.call('HSET', KEYS[1], ARGV[3], cjson.encode(entry))
${RENEW}
return first
`;

// ARGV: ttl, socketId, index member. Returns nil for a connection not in the room, else { userId, gone (0/1), name }.
const LEAVE = `
local owner = redis.call('HGET', KEYS[3], ARGV[2])
if not owner then return false end
local userId = string.match(owner, '^[^|]*')
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('SREM', KEYS[4], ARGV[3])
local gone, name = 0, ''
if redis.call('HINCRBY', KEYS[2], userId, -1) <= 0 then
  gone = 1
  redis.call('HDEL', KEYS[2], userId)
  local old = redis.call('HGET', KEYS[1], userId)
  if old then
    local entry = cjson.decode(old)
    entry.connected = false
    entry.ready = false
    name = entry.name or ''
    redis.call('HSET', KEYS[1], userId, cjson.encode(entry))
  end
end
if redis.call('HLEN', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
else
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return { userId, gone, name }
`;

// KEYS: members, conns, sockets. ARGV: ttl, userId, patch JSON. Only an existing entry changes.
// Updates are most of the room's writes (every viewer's report), so they renew the keys only once
// half the TTL has run (the three keys are always renewed together, so the members key's PTTL
// stands for all three): one PTTL instead of three PEXPIREs on almost every report.
const UPDATE = `
local old = redis.call('HGET', KEYS[1], ARGV[2])
if not old then return 0 end
local entry = cjson.decode(old)
for k, v in pairs(cjson.decode(ARGV[3])) do entry[k] = v end
redis.call('HSET', KEYS[1], ARGV[2], cjson.encode(entry))
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) / 2 then
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return 1
`;


function roomScripts(redis: Redis) {
  const join = defineScript(redis, "bwpRoomJoin", 4, JOIN);
  const leave = defineScript(redis, "bwpRoomLeave", 4, LEAVE);
  const update = defineScript(redis, "bwpRoomUpdate", 3, UPDATE);
  const keysOf = (partyId: string, processId: string) => {
    const k = roomKeys(partyId);
    return [k.members, k.conns, k.sockets, processSocketsKey(processId)];
  };
  return {
    join: (partyId: string, processId: string, socketId: string, member: object & { userId: string }) =>
      join(...keysOf(partyId, processId), ROOM_STATE_TTL_MS, socketId, member.userId, `${member.userId}|${processId}`, joinPair(partyId, socketId), JSON.stringify(member)),
    async leave(partyId: string, processId: string, socketId: string): Promise<LeftRoom | null> {
      const left = (await leave(...keysOf(partyId, processId), ROOM_STATE_TTL_MS, socketId, joinPair(partyId, socketId))) as [string, number, string] | null;
      return left ? { userId: left[0], gone: left[1] === 1, name: left[2] } : null;
    },
    update: (partyId: string, userId: string, patch: object) => {
      const k = roomKeys(partyId);
      return update(k.members, k.conns, k.sockets, ROOM_STATE_TTL_MS, userId, JSON.stringify(patch));
    },
  };
}

/**
 * The room state several processes share (docs/architecture.md, "Several
 * processes: room state"): per room a hash of presence entries (JSON per
 * person), a hash counting each person's connections and a hash of its
 * connections (`socketId → userId|processId`); each process indexes its own
 * connections so the janitor can take a dead process's out. Joins, leaves and
 * updates are Lua scripts, so "first tab" and "last tab" hold across processes.
 */
export function createRedisRoomState(cluster: Pick<ClusterRedis, "state" | "processId">): RoomStateStore {
  const { state: redis, processId } = cluster;
  const scripts = roomScripts(redis);
  return {
    async join(partyId, socketId, member) {
      return (await scripts.join(partyId, processId, socketId, member)) === 1;
    },
    async leave(partyId, socketId) {
      const left = await scripts.leave(partyId, processId, socketId);
      return left ? { userId: left.userId, gone: left.gone } : null;
    },
    async update(partyId, userId, patch) {
      await scripts.update(partyId, userId, patch);
    },
    async presence(partyId) {
      const entries = await redis.hvals(roomKeys(partyId).members);
      return entries.map((entry) => JSON.parse(entry) as PresenceEntry);
    },
    async member(partyId, userId) {
      const entry = await redis.hget(roomKeys(partyId).members, userId);
      return entry ? (JSON.parse(entry) as PresenceEntry) : null;
    },
    async claimPresenceBroadcast(partyId, windowMs) {
      const key = roomKeys(partyId).presencePending;
      // Longer than the window, so only a process that died holding it delays the next list (until it expires).
      const claimed = await redis.set(key, processId, "PX", windowMs + 2000, "NX");
      return claimed === "OK" ? async () => void (await redis.del(key)) : null;
    },
  };
}

/**
 * Takes a dead process's connections out of every room they were in; the
 * rooms they left, each with who left (and whether it was their last connection).
 */
export async function sweepRoomConnections(redis: Redis, deadProcessId: string): Promise<Map<string, LeftRoom[]>> {
  const scripts = roomScripts(redis);
  const byParty = new Map<string, LeftRoom[]>();
  for (const member of await redis.smembers(processSocketsKey(deadProcessId))) {
    const [partyId, socketId] = splitPair(member);
    const left = await scripts.leave(partyId, deadProcessId, socketId);
    if (!left) continue;
    byParty.set(partyId, [...(byParty.get(partyId) ?? []), left]);
  }
  return byParty;
}
