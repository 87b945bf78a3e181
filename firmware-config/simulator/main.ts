/**
 * `npm run devices -- [--url mqtt://127.0.0.1:1883] [--data-dir ./data] [--config hall.yaml]
 *   [--base-topic qms] [--counters 1,3] [--bridge DIR]`
 *
 * Runs the virtual LED boards, keypads and rating pads of a hall against its broker,
 * each logged in with its own password from `<data-dir>/device-credentials.json`, and
 * reads commands from stdin: `3 next`, `3 finish`, `3 rate 4`, `boards`, `help`, `quit`.
 * With `--bridge DIR` the real printer bridge (kiosk/bridge) of every printer runs too,
 * appending each ticket's ESC/POS bytes to `DIR/<printer>.escpos`.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadHallConfig } from "../../server/config/load.ts";
import { BUTTONS, parseButton, parseRating } from "../../server/contract/index.ts";
import { loadDeviceCredentials } from "./credentials.ts";
import { type SimulatedDevices, startDevices } from "./hall.ts";
import type { BoardView } from "./led-board.ts";
import { RATING_LABELS } from "./pads.ts";

const HELP = `commands:
  <n> ${BUTTONS.join(" | <n> ")}   press a keypad button of counter n
  <n> rate <1-4>     press the rating pad of counter n (${Object.entries(RATING_LABELS)
    .reverse()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")})
  boards             show every LED board
  help · quit`;

/** One line for a board, e.g. `led-3  [ A012     ]  called  seq 57`. */
export function formatBoard(counter: number, v: BoardView, lit: string): string {
  return `led-${counter}`.padEnd(7) + `[ ${lit.padEnd(8)} ]  ${v.state.padEnd(7)}  seq ${v.seq}`;
}

/** Runs one stdin command; returns a line to print (or null to quit). */
export async function runCommand(devices: SimulatedDevices, line: string): Promise<string | null> {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  if (words[0] === "quit" || words[0] === "exit") return null;
  if (words[0] === "help") return HELP;
  if (words[0] === "boards")
    return [...devices.boards.values()].map((b) => formatBoard(b.counter, b.view, b.lit)).join("\n");
  const n = Number(words[0]);
  if (!Number.isInteger(n)) return `? ${line.trim()} (type help)`;
  if (words[1] === "rate") {
    const pad = devices.ratingPads.get(n);
    const score = parseRating(words[2] ?? "");
    if (!pad) return `no rating pad at counter ${n}`;
    if (!score) return "rate needs a score 1-4";
    await pad.rate(score);
    return `rating-${n} → ${score} (${RATING_LABELS[score]})`;
  }
  const action = parseButton(words[1] ?? "");
  const keypad = devices.keypads.get(n);
  if (!keypad) return `no keypad at counter ${n}`;
  if (!action) return `unknown button ${words[1] ?? ""} (${BUTTONS.join(", ")})`;
  await keypad.press(action);
  return `keypad-${n} → ${action}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      "data-dir": { type: "string" },
      config: { type: "string" },
      "base-topic": { type: "string" },
      counters: { type: "string" },
      bridge: { type: "string" },
    },
  });
  const env = process.env;
  const config = loadHallConfig(values.config || env.QMS_HALL_CONFIG || "");
  const dataDir = values["data-dir"] || env.QMS_DATA_DIR || "./data";
  const url = values.url ?? `mqtt://127.0.0.1:${env.QMS_MQTT_PORT || 1883}`;
  const counters = values.counters?.split(",").map(Number);
  if (values.bridge) mkdirSync(values.bridge, { recursive: true });
  const devices = await startDevices({
    url,
    baseTopic: values["base-topic"] || env.QMS_BASE_TOPIC || "qms",
    config,
    credentials: loadDeviceCredentials(dataDir),
    counters,
    bridgeDir: values.bridge ? resolve(values.bridge) : undefined,
    log: (l) => console.log(l),
  });
  console.log(
    `devices: ${devices.boards.size} LED boards, ${devices.keypads.size} keypads, ${devices.ratingPads.size} rating pads on ${url} (hall ${config.id})`,
  );
  for (const b of devices.bridges.values()) console.log(`printer bridge ${b.printerId} → ${b.outputPath}`);
  // Boards as they are now (retained frames arrived while connecting), then each change.
  const now = await runCommand(devices, "boards");
  if (now) console.log(now);
  for (const b of devices.boards.values())
    b.on("change", (v: BoardView) => console.log(formatBoard(b.counter, v, b.lit)));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await devices.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(HELP);
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    try {
      const out = await runCommand(devices, line);
      if (out === null) return stop();
      if (out) console.log(out);
    } catch (e) {
      console.log(`error: ${(e as Error).message}`);
    }
  }
  // stdin closed (e.g. run in the background): keep the devices up until a signal.
}

if (import.meta.main) {
  main().catch((e) => {
    console.error(`devices: ${(e as Error).message}`);
    process.exit(1);
  });
}
