/** `npm run bench -- <name>`: runs one benchmark; its last line is one JSON object. */
import { runCapacityBench } from "./capacity";
import { runChatBench } from "./chat";
import { runClockBench } from "./clock";
import { runFailoverBench } from "./failover";
import { runGeneratorLoadBench } from "./generator-load";
import { runJoinsBench } from "./joins";
import { runMemoryBench } from "./memory";
import { runPageWeightBench } from "./page-weight";
import { runPlayersBench } from "./players";
import { runQuestionsBench } from "./questions";
import { serverLogTails } from "./server-process";
import { runSoakBench } from "./soak";
import { runTriviaBench } from "./trivia";
import { runVoiceBench } from "./voice";

const benches: Record<string, () => Promise<object>> = {
  clock: runClockBench,
  chat: runChatBench,
  joins: runJoinsBench,
  trivia: runTriviaBench,
  failover: runFailoverBench,
  "generator-load": runGeneratorLoadBench,
  questions: runQuestionsBench,
  players: runPlayersBench,
  pages: runPageWeightBench,
  capacity: runCapacityBench,
  voice: runVoiceBench,
  soak: runSoakBench,
  memory: runMemoryBench,
};
const name = process.argv[2] ?? "";
const bench = benches[name];
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join("|")}>`);
  process.exit(2);
}
const result = await bench().catch((error: unknown) => {
  // A failed run shows what its servers logged (each server process logs to a file of its own).
  console.error(serverLogTails());
  throw error;
});
console.log(JSON.stringify(result));
process.exit(0);
