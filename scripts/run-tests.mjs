#!/usr/bin/env node
// Runs vitest under Bun (bun:sqlite needs Bun) and ends with one plain summary line,
// "N passed, N failed, N skipped", keeping vitest's exit code. First it checks the Debian
// packages the tests need (scripts/system-deps.ts, which installs them as root or stops
// with the command to run), so that a missing tool is one message, not failing files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const deps = spawnSync(process.execPath, ["scripts/bun.mjs", "scripts/system-deps.ts"], { stdio: "inherit" });
if (deps.status !== 0) process.exit(deps.status ?? 1);

mkdirSync("test-results", { recursive: true });
const out = "test-results/vitest.json";
const args = [
  "scripts/bun.mjs",
  "--bun",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${out}`,
  ...process.argv.slice(2),
];
const r = spawnSync(process.execPath, args, { stdio: "inherit" });
let code = r.status ?? 1;
if (existsSync(out)) {
  const j = JSON.parse(readFileSync(out, "utf8"));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  if (j.numTotalTests === 0) code = code || 1;
  console.log(`\n${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped`);
} else {
  console.log("\n0 passed, 1 failed");
  code = code || 1;
}
process.exit(code);
