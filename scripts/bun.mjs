#!/usr/bin/env node
// Runs the pinned Bun from node_modules with the given arguments.
// Trap (DEVELOPERS.md): when npm skipped bun's install script, bin/bun.exe is a
// ~450-byte placeholder; `node install.js` inside node_modules/bun repairs it offline.
import { spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bunDir = join(root, "node_modules", "bun");
const bunExe = join(bunDir, "bin", "bun.exe");

function size(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

if (size(bunExe) < 1_000_000) {
  console.error("[bun] placeholder binary found; running bun's install.js to repair it");
  const fix = spawnSync(process.execPath, ["install.js"], { cwd: bunDir, stdio: "inherit" });
  if (fix.status !== 0 || size(bunExe) < 1_000_000) {
    console.error("[bun] could not install Bun; run `npm install` again with scripts allowed");
    process.exit(1);
  }
}

// Forward termination signals, so that `kill <wrapper>` (systemd, tests) stops Bun too.
const child = spawn(bunExe, process.argv.slice(2), { cwd: process.cwd(), stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
});
