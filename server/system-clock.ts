/**
 * The machine's clock: the only place in server/ that reads the real time (a test in
 * tests/server/architecture.test.ts keeps it so). server/main.ts hands it to everything
 * as a Clock; tests hand a FakeClock instead. The queue core never sees it (it takes
 * `now` as an argument).
 */
import type { Clock } from "./queue/clock.ts";

export const systemClock: Clock = { now: () => Date.now() };
