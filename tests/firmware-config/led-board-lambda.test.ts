import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEsphomeYaml } from "../../firmware-config/esphome-yaml.ts";
import { DisplayFrameFilter } from "../../firmware-config/simulator/display-frame.ts";
import { requireTool } from "../helpers/tools.ts";

/**
 * The C++ lambdas of packages/led-board.yaml, compiled with g++ against a small mock of
 * ESPHome and ArduinoJson (lambda/esphome-mock.h) and fed the same frames as their
 * TypeScript twin: both must accept, ignore and show exactly the same.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const HERE = join(import.meta.dirname, "lambda");
let tmp: string;
let exe: string;

type Obj = Record<string, unknown>;

function lambdas() {
  const pkg = parseEsphomeYaml(
    readFileSync(join(ROOT, "firmware-config/packages/led-board.yaml"), "utf8"),
  ) as Obj;
  const subs = pkg.substitutions as Record<string, string>;
  const sub = (code: string) => code.replace(/\$\{(\w+)\}/g, (_, k: string) => subs[k]!);
  const mqtt = pkg.mqtt as { on_connect: Obj[]; on_json_message: { then: Obj[] }[] };
  return {
    onConnect: sub(mqtt.on_connect[0]!.lambda as string),
    onJson: sub(mqtt.on_json_message[0]!.then[0]!.lambda as string),
    display: sub((pkg.display as Obj[])[0]!.lambda as string),
  };
}

beforeAll(() => {
  tmp = mkdtempSync("/tmp/fw-lambda-");
  const l = lambdas();
  const src = readFileSync(join(HERE, "harness.cpp.txt"), "utf8")
    .replace("/*@ON_CONNECT@*/", l.onConnect)
    .replace("/*@ON_JSON_MESSAGE@*/", l.onJson)
    .replace("/*@DISPLAY@*/", l.display);
  writeFileSync(join(tmp, "harness.cpp"), src);
  copyFileSync(join(HERE, "esphome-mock.h"), join(tmp, "esphome-mock.h"));
  exe = join(tmp, "harness");
  const cc = spawnSync(
    requireTool("g++"),
    ["-std=c++17", "-Wall", "-Werror", "-O0", "-o", exe, join(tmp, "harness.cpp")],
    {
      encoding: "utf8",
    },
  );
  if (cc.status !== 0) throw new Error(`g++ failed:\n${cc.stderr}`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One payload as the harness reads it, or null when it is not JSON (no trigger at all). */
function encode(payload: string): string | null {
  let x: unknown;
  try {
    x = JSON.parse(payload);
  } catch {
    return null;
  }
  const o = x && typeof x === "object" && !Array.isArray(x) ? (x as Obj) : {};
  return ["seq", "state", "number", "text"]
    .map((k) => {
      const v = o[k];
      if (v === undefined) return "M";
      if (v === null) return "N";
      if (typeof v === "number") return Number.isInteger(v) ? `I${v}` : "F";
      if (typeof v === "string") return `S${v}`;
      if (typeof v === "boolean") return "B";
      return "O";
    })
    .join("\t");
}

function runHarness(lines: string[]): string[][] {
  const r = spawnSync(exe, { input: lines.join("\n") + "\n", encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout
    .trimEnd()
    .split("\n")
    .map((l) => l.split("\t"));
}

const f = (o: unknown) => JSON.stringify(o);
const FRAMES: (string | "connect")[] = [
  f({ seq: 5, number: null, state: "idle", text: "TAM NGHI" }),
  f({ seq: 6, number: null, state: "idle", text: "QUAY 3 SAN SANG" }),
  f({ seq: 7, number: "A012", state: "called", text: "MOI SO A012" }),
  f({ seq: 7, number: "A012", state: "called", text: "MOI SO A012" }),
  f({ seq: 6, number: "A011", state: "serving", text: "" }),
  "{not json",
  "[1,2,3]",
  f({ seq: "8", number: "A013", state: "called" }),
  f({ seq: -3, number: "A013", state: "called" }),
  f({ seq: 1.5, number: "A013", state: "called" }),
  f({ seq: 2 ** 32, number: "A013", state: "called" }),
  f({ seq: 9, number: "A013", state: "open" }),
  f({ seq: 9, number: 13, state: "called" }),
  f({ seq: 9, number: null, state: "called" }),
  f({ seq: 9, number: "A0123456789", state: "serving" }),
  f({ seq: 9, number: "B001", state: true }),
  f({ seq: 10, number: "A013", state: "serving", text: "DANG PV A013" }),
  f({ seq: 11, state: "closed" }),
  "connect",
  f({ seq: 1, number: "C001", state: "called", text: "MOI SO C001" }),
  f({ seq: 1, number: "C001", state: "serving" }),
];

describe("the LED board lambdas of led-board.yaml (g++, mocked ESPHome)", () => {
  it("accept, ignore and show every frame exactly as the simulator's DisplayFrameFilter does", () => {
    const filter = new DisplayFrameFilter();
    let lit = "";
    const expected: { frame: string; decision: string; lit: string }[] = [];
    const lines: string[] = [];
    for (const fr of FRAMES) {
      if (fr === "connect") {
        filter.reset();
        lines.push("C");
        continue;
      }
      const r = filter.accept(fr);
      const line = encode(fr);
      if (line === null) {
        expect(r.ok, fr).toBe(false); // ESPHome's on_json_message never fires on non-JSON
        continue;
      }
      if (r.ok) {
        const v = r.frame;
        lit =
          v.state === "closed"
            ? ""
            : v.state === "idle"
              ? v.text && v.text.length <= 8
                ? v.text
                : "-"
              : v.number!;
      }
      lines.push(line);
      expected.push({ frame: fr, decision: r.ok ? "accepted" : "ignored", lit });
    }
    const out = runHarness(lines);
    const got = out.map((o, i) => ({ frame: expected[i]?.frame, decision: o[0], lit: o[2] ?? "" }));
    expect(got).toEqual(expected);
    expect(out.filter((o) => o[0] === "accepted").length).toBe(6);
  });

  it("blinks a called number for 10 s, then keeps it lit", () => {
    const out = runHarness([
      "T 1000",
      encode(f({ seq: 1, number: "A001", state: "called", text: "" }))!,
      "T 1600",
      "R",
      "T 2100",
      "R",
      "T 11700",
      "R",
      "T 12200",
      "R",
    ]);
    expect(out.map((o) => o[2] ?? "")).toEqual(["A001", "", "A001", "A001", "A001"]);
  });
});
