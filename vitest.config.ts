import { defineConfig } from "vitest/config";

// Run with `bun --bun vitest run` (npm test): bun:sqlite only exists under Bun.
// pool "threads": the vm pools fail under Bun (DEVELOPERS.md).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Under Bun, an externalized zod 4 loses its `z` export (`export { z }` of a namespace
    // import reads as undefined); letting vitest transform zod itself restores it.
    server: { deps: { inline: ["zod"] } },
  },
});
