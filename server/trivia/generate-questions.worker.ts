/**
 * The worker-thread entry of the question generator (run by the pool in
 * `draft-deck-pool.ts`): the same pure function, off the server's event loop.
 */
export { generateQuestions as default } from "./generate-questions";
/** Answers once the thread has loaded the generator (the pool asks before a thread's first article). */
export const ready = () => null;
