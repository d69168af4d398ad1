import v8 from "node:v8";
import vm from "node:vm";

// V8 lets a running process switch on `gc`; a fresh context then has the global.
v8.setFlagsFromString("--expose-gc");
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (vm.runInNewContext("gc") as () => void);

/** heapUsed after full collections, once timers and sockets had a turn to drop what they hold. */
export async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return process.memoryUsage().heapUsed;
}
