import { defineConfig } from "vitest/config";

// Run with `bun --bun vitest run` (npm test): bun:sqlite only exists under Bun.
// pool "threads": the vm pools fail under Bun (DEVELOPERS.md).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `expect.poll` waits up to 10 s, not vitest's 1 s: on a loaded 2-core CI machine a
    // browser, the hall and the test share the CPU, and a page can take seconds to show what
    // it was sent (a manager's report range came too late once). Only a failing poll waits it out.
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: true,
    maxWorkers: 2,
    // Test files share a worker's module cache instead of importing server/ (hono, zod,
    // aedes, mqtt.js…) again for each file: that import was most of the suite's time.
    // Safe because nothing in server/ or the apps keeps module-level state (no singletons,
    // STYLE.md habit 2) and no test mocks a module; each file builds its own hall.
    isolate: false,
    // Under Bun, an externalized zod 4 loses its `z` export (`export { z }` of a namespace
    // import reads as undefined); letting vitest transform zod itself restores it.
    server: { deps: { inline: ["zod"] } },
  },
});
