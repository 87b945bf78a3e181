import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  actionForKey,
  availableActions,
  type HeldCounter,
  SHORTCUTS,
  shortcutLabel,
} from "../../../counter/src/console/state.ts";
import type { Ticket } from "../../../server/contract/domain.ts";

const ticket = (status: Ticket["status"]): Ticket => ({
  id: 1,
  code: "abcdefghijklmnop",
  number: "A001",
  serviceId: "ho-tich",
  priority: "none",
  status,
  issuedAt: "2026-03-02T08:00:00.000+07:00",
  calledAt: "2026-03-02T08:05:00.000+07:00",
  statusUrl: "http://x/t/abcdefghijklmnop",
});
const counter = (over: Partial<HeldCounter> = {}): HeldCounter => ({
  number: 1,
  open: true,
  serviceIds: ["ho-tich"],
  current: null,
  name: { vi: "Quầy 1", en: "Counter 1" },
  priorityCounter: false,
  paused: false,
  state: "idle",
  officerId: 2,
  pauseReason: null,
  currentTicket: null,
  ...over,
});
const sorted = (s: Set<string>) => [...s].sort();

describe("availableActions()", () => {
  it("offers calls, pause and close when nobody is at the desk", () => {
    expect(sorted(availableActions(counter()))).toEqual(["call", "close", "next", "pause"]);
  });

  it("offers recall, no-show, start, finish and transfer for a called number, and no second call", () => {
    expect(sorted(availableActions(counter({ currentTicket: ticket("called") })))).toEqual([
      "finish",
      "no-show",
      "recall",
      "start",
      "transfer",
    ]);
  });

  it("offers only finish and transfer while serving (a visitor at the desk is not a no-show)", () => {
    expect(sorted(availableActions(counter({ currentTicket: ticket("serving") })))).toEqual([
      "finish",
      "transfer",
    ]);
  });

  it("allows no calls while paused: only resume and close", () => {
    expect(sorted(availableActions(counter({ paused: true })))).toEqual(["close", "resume"]);
  });

  it("offers nothing without a counter", () => {
    expect(availableActions(null).size).toBe(0);
  });
});

describe("keyboard shortcuts", () => {
  const all = new Set(ACTIONS);

  it("gives every action a key, printed on its button, without clashes between actions shown together", () => {
    for (const a of ACTIONS) expect(SHORTCUTS[a].length).toBeGreaterThan(0);
    expect(shortcutLabel("next")).toBe("Enter");
    expect(shortcutLabel("finish")).toBe("H");
    // pause and resume share T: they are never available at the same time.
    const keys = ACTIONS.filter((a) => a !== "resume").flatMap((a) => SHORTCUTS[a]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("maps keys case-insensitively to allowed actions only", () => {
    const idle = availableActions(counter());
    expect(actionForKey({ key: "G" }, idle)).toBe("next");
    expect(actionForKey({ key: "Enter" }, idle)).toBe("next");
    expect(actionForKey({ key: "h" }, idle)).toBeNull();
    expect(actionForKey({ key: "t" }, idle)).toBe("pause");
    expect(actionForKey({ key: "t" }, availableActions(counter({ paused: true })))).toBe("resume");
    expect(actionForKey({ key: "x" }, all)).toBeNull();
  });

  it("ignores auto-repeat, modifier chords and keys typed into a control", () => {
    expect(actionForKey({ key: "g", repeat: true }, all)).toBeNull();
    expect(actionForKey({ key: "g", ctrlKey: true }, all)).toBeNull();
    expect(actionForKey({ key: "l", altKey: true }, all)).toBeNull();
    expect(actionForKey({ key: "q", metaKey: true }, all)).toBeNull();
    expect(actionForKey({ key: "Enter", inControl: true }, all)).toBeNull();
  });
});
